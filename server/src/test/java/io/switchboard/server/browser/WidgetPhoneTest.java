package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * On a 360 x 740 phone the widget opens full-screen and stays usable: the form and the composer are
 * visible, nothing overflows sideways, and the header's button closes it again. The site is set to
 * Chinese with its own brand colour and greeting, which the widget takes from its config.
 */
class WidgetPhoneTest extends WidgetBrowserTest {

  @Test
  void theWidgetIsUsableFullScreenOnA360PixelPhone(TestInfo test) throws Exception {
    Fixtures.Agent account = fixtures.addAgent(3);
    try (Participant agent = Participant.agent(node.http(), node.ws(), account);
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
            .setViewportSize(360, 740).setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true)
            .setLocale("en-US"))) {
      agent.client().setStatus("online").get();
      node.node().database().jdbi().useHandle(handle -> handle.createUpdate(
          "UPDATE sites SET language = 'zh-CN', brand_color = '#0f766e', greeting_zh = :greeting"
              + " WHERE id = :id")
          .bind("greeting", "欢迎光临北风咖啡！").bind("id", fixtures.siteId).execute());
      Page page = openDemo(context);
      assertThat(launcher(page)).isVisible();
      assertThat(launcher(page)).hasAttribute("aria-label", "打开在线客服");
      assertThat(launcher(page)).hasCSS("background-color", "rgb(15, 118, 110)");
      BoundingBox button = launcher(page).boundingBox();
      assertThat(button.x + button.width).isLessThanOrEqualTo(360);
      viewportScreenshot(page, test, "1-phone-closed");

      launcher(page).tap();
      FrameLocator widget = widget(page);
      assertThat(page.locator(FRAME)).isVisible();
      // Full-screen once the opening animation has settled.
      Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        BoundingBox frame = page.locator(FRAME).boundingBox();
        assertThat(List.of(frame.x, frame.y, frame.width, frame.height))
            .containsExactly(0.0, 0.0, 360.0, 740.0);
      });
      assertThat(widget.locator("html")).hasAttribute("lang", "zh-CN");
      assertThat(widget.locator(".sb-greeting")).hasText("欢迎光临北风咖啡！");
      assertThat(widget.locator(".sb-header")).hasCSS("background-color", "rgb(15, 118, 110)");
      assertThat(widget.getByLabel("姓名")).isVisible();
      assertThat(widget.getByLabel("邮箱")).isVisible();
      assertNoHorizontalOverflow(page);
      viewportScreenshot(page, test, "2-phone-prechat");

      widget.getByLabel("姓名").fill("陈美");
      widget.getByLabel("邮箱").fill("mei@example.com");
      widget.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("开始咨询")).tap();
      String conversationId = agent.await(ServerMessage.Assigned.class).conversationId();
      agent.client().accept(conversationId).get();
      assertThat(widget.locator(".sb-system").last()).hasText(account.name() + " 已加入会话");
      send(widget, "磨豆机适合 58 mm 的手柄吗？https://shop.example/products/grinder-pro-58mm-with-a-very-long-url");
      agent.client().send(conversationId, "可以！Averylongwordwithoutanyspacesthatmustwrapinsteadofoverflowingthescreen.").get();
      assertThat(widget.locator(".sb-log .sb-msg--agent .sb-bubble")).isVisible();
      assertThat(widget.locator("#sb-input")).isInViewport();
      assertThat(widget.locator("#sb-input")).hasAttribute("placeholder", "输入消息…");
      assertThat(widget.locator(".sb-send")).isInViewport();
      assertNoHorizontalOverflow(page);
      viewportScreenshot(page, test, "3-phone-chatting");

      // The launcher is covered while full-screen; the header's minimize button closes the panel.
      widget.getByLabel("最小化聊天窗口").tap();
      assertThat(page.locator(FRAME)).isHidden();
      assertThat(launcher(page)).isVisible();
      assertThat(pageErrors).isEmpty();
    }
  }

  private void assertNoHorizontalOverflow(Page page) {
    String check = "() => document.documentElement.scrollWidth <= window.innerWidth"
        + " && [...document.querySelectorAll('body *')].every(el => el.getBoundingClientRect().right <= window.innerWidth + 0.5)";
    assertThat(widgetFrame(page).evaluate(check)).isEqualTo(true);
    assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
        .isEqualTo(true);
  }
}
