package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import io.switchboard.server.access.Role;
import io.switchboard.server.auth.identity.IdentityTestKeys;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A site that talks to its signed-in users only. The widget asks an anonymous visitor to sign in
 * (in English and in Chinese); once the host page identifies its user with a signature from its
 * server, the visitor chats, and on a second device (a phone, in Chinese) the same user finds the
 * same chat with its history. A forged signature is refused with a clear word.
 */
class WidgetIdentityTest extends WidgetBrowserTest {

  @Test
  void aSignedInUserKeepsTheirChatAcrossDevices(TestInfo test) throws Exception {
    String admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 3));
    String path = "/v1/admin/sites/" + fixtures.siteId + "/identity";
    String secret = Http.call("POST", node.http(), path + "/keys", admin, "{\"kind\":\"secret\"}")
        .body().get("secret").asText();
    org.assertj.core.api.Assertions.assertThat(
        Http.call("PUT", node.http(), path, admin, "{\"enforced\":true}").status()).isEqualTo(200);
    String signature = IdentityTestKeys.hmac(secret, "user-77\ngrace@example.com\nGrace Hopper");
    String identify = "Switchboard.identify({userId: 'user-77', email: 'grace@example.com', "
        + "name: 'Grace Hopper', signature: '%s'})";

    try (Participant agent = Participant.agent(node.http(), node.ws(), fixtures.addAgent(2));
        BrowserContext laptop = newContext()) {
      agent.client().setStatus("online").get();
      Page page = openDemo(laptop);
      FrameLocator widget = openWidget(page);
      assertThat(widget.locator("#sb-signin"))
          .hasText("Please sign in on this site to chat with us.");
      screenshot(page, test, "1-sign-in");

      page.evaluate(String.format(identify, "0".repeat(64)));
      assertThat(widget.locator("#sb-signin"))
          .hasText("We could not confirm who you are. Please sign in on this site again.");

      page.evaluate(String.format(identify, signature));
      startChat(widget, "Grace Hopper", "grace@example.com");
      send(widget, "My invoice shows the wrong address.");
      assertThat(widget.locator(".sb-log .sb-msg--own .sb-bubble").last())
          .hasText("My invoice shows the wrong address.");
      screenshot(page, test, "2-chatting");
    }

    try (BrowserContext phone = browser.newContext(new Browser.NewContextOptions()
        .setLocale("zh-CN").setViewportSize(360, 740))) {
      Page page = openDemo(phone);
      FrameLocator widget = openWidget(page);
      assertThat(widget.locator("#sb-signin")).hasText("请先登录本网站，再与我们在线交谈。");
      page.evaluate(String.format(identify, signature));
      assertThat(widget.locator(".sb-log .sb-msg--own .sb-bubble").last())
          .hasText("My invoice shows the wrong address.");
      viewportScreenshot(page, test, "3-phone-same-chat");
    }
    org.assertj.core.api.Assertions.assertThat(pageErrors).isEmpty();
  }
}
