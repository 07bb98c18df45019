package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import io.switchboard.server.access.Role;
import io.switchboard.server.auth.identity.IdentityTestKeys;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The widget's light start in real Chromium, in English and in Chinese, on a phone-sized screen.
 * From the browser's first page view on, a page view with no chat going shows the launcher in the
 * visitor's language and makes one page report, repeated every 30 seconds (the browser's clock is
 * driven by the test): no frame, no socket. The first view's report makes the visitor, who is on
 * the live-visitors list; an agent's invitation and a matching campaign each start the frame,
 * which takes that visitor over, and show; opening the launcher from the keyboard starts it too;
 * and once a chat is going, every page view starts the frame at once. A report that cannot be sent
 * starts the frame; on a site that signs its users in, the same user stays light and another user
 * starts the frame.
 */
class WidgetLightStartTest extends WidgetBrowserTest {
  private static final String PAGE_VIEW = "/v1/widget/page-view";
  private final List<Participant> agents = new CopyOnWriteArrayList<>();

  /** What one page asked of the server. */
  private record Traffic(Page page, List<String> requests, List<String> sockets) {
    long reports() {
      return requests.stream().filter(url -> url.contains(PAGE_VIEW)).count();
    }
  }

  private Traffic visit(BrowserContext context, String query) {
    Page page = context.newPage();
    List<String> requests = new CopyOnWriteArrayList<>();
    List<String> sockets = new CopyOnWriteArrayList<>();
    page.onPageError(error -> pageErrors.add("page error: " + error));
    page.onRequest(request -> requests.add(request.url()));
    page.onWebSocket(socket -> sockets.add(socket.url()));
    page.navigate(baseUrl() + "/demo?site=" + fixtures.siteKey + "&" + query);
    return new Traffic(page, requests, sockets);
  }

  /** Waits until the frame has handed the loader a visit pass. */
  private static void awaitPass(Page page) {
    await().atMost(Duration.ofSeconds(10)).until(() -> (Boolean) page.evaluate(
        "key => /^sbp1\\./.test((JSON.parse(localStorage.getItem(key)) || {}).pass || '')",
        "switchboard:" + fixtures.siteKey));
  }

  /** No frame, no visitor token, no config and no socket: the loader and its reports alone. */
  private static void assertLight(Traffic traffic) {
    assertThat(traffic.page().locator(FRAME)).hasCount(0);
    assertThat(traffic.requests()).noneMatch(r -> r.contains("/widget/frame.html")
        || r.contains("/v1/visitors") || r.contains("/v1/widget/config"));
    assertThat(traffic.sockets()).isEmpty();
  }

  /** The contact the live-visitors list shows on the page at {@code url}, or null. */
  private static String liveContact(String admin, String url) throws Exception {
    for (JsonNode visitor : Http.get(node.http(), "/v1/visitors/live", admin).body()
        .get("visitors")) {
      if (visitor.get("url").asText().equals(url)) {
        return visitor.get("contactId").asText();
      }
    }
    return null;
  }

  private static JsonNode expect(int status, Http.Reply reply) {
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(status);
    return reply.body();
  }

  @ParameterizedTest
  @ValueSource(strings = {"en-US", "zh-CN"})
  void aKnownVisitorWithNoChatGetsTheLauncherAndOneReport(String locale) throws Exception {
    boolean chinese = locale.startsWith("zh");
    String marker = "light-" + UUID.randomUUID().toString().substring(0, 8);
    String admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 3));
    try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setLocale(locale).setViewportSize(360, 800))) {
      context.clock().install();
      // The first page view: the loader's report makes the visitor and brings the pass and the
      // launcher's look.
      Traffic first = visit(context, marker + "=first");
      assertThat(launcher(first.page())).hasAttribute("aria-label",
          chinese ? "打开在线客服" : "Open chat");
      awaitPass(first.page());
      String firstUrl = baseUrl() + "/demo?site=" + fixtures.siteKey + "&" + marker + "=first";
      String contactId = await().atMost(Duration.ofSeconds(10)).until(
          () -> liveContact(admin, firstUrl), id -> id != null);
      assertThat(first.requests()).filteredOn(r -> r.contains("/v1/widget/")).hasSize(1)
          .allMatch(r -> r.endsWith("/v1/widget/first-view"));
      assertLight(first);
      assertThat(Accessibility.seriousViolations(first.page())).as("axe, first view").isEmpty();
      first.page().close();

      Traffic light = visit(context, marker + "=light");
      assertThat(launcher(light.page())).hasAttribute("aria-label",
          chinese ? "打开在线客服" : "Open chat");
      assertThat(light.page().locator(FRAME)).hasCount(0);
      // One report on load (another if the page's title changes meanwhile).
      context.clock().runFor(500); // the loader's report waits 150 ms for the page to settle
      await().atMost(Duration.ofSeconds(10)).until(() -> light.reports() >= 1);
      String url = baseUrl() + "/demo?site=" + fixtures.siteKey + "&" + marker + "=light";
      await().atMost(Duration.ofSeconds(10)).until(() -> contactId.equals(liveContact(admin, url)));
      long reported = light.reports();
      context.clock().runFor(31_000);
      await().atMost(Duration.ofSeconds(10)).until(() -> light.reports() > reported);
      assertLight(light);
      assertThat(Accessibility.seriousViolations(light.page())).as("axe, light start").isEmpty();

      // An agent's invitation comes with the next report and starts the frame to show it.
      String text = chinese ? "需要帮忙结账吗？" : "Can I help you check out?";
      expect(201, Http.call("POST", node.http(), "/v1/visitors/" + contactId + "/invite",
          Http.agentToken(node.http(), fixtures.addAgent(3)), "{\"text\": \"" + text + "\"}"));
      context.clock().runFor(31_000);
      assertThat(widget(light.page()).locator("#sb-invite .sb-invite-text")).hasText(text);
      // The frame took over the visitor the first view made (the demo shop shares its origin).
      assertThat(light.page().evaluate("key => (JSON.parse(localStorage.getItem(key)) || {})"
          + ".contactId", "switchboard.v1." + fixtures.siteKey)).isEqualTo(contactId);
      light.page().close();

      // A campaign whose page the visitor moves to (a single-page shop) starts the frame too.
      String offer = chinese ? "对 " + marker + " 有疑问吗？" : "Questions about " + marker + "?";
      expect(201, Http.call("POST", node.http(), "/v1/admin/campaigns", admin, """
          {"siteId": "%s", "queueId": "%s", "name": "Light %s", "urlPattern": "*%s-offer*",
           "capDays": 7, "message": {"en": "%s", "zh-CN": "%s"}}""".formatted(fixtures.siteId,
          fixtures.queueId, marker, marker, "Questions about " + marker + "?",
          "对 " + marker + " 有疑问吗？")));
      Traffic spa = visit(context, marker + "=spa");
      assertThat(launcher(spa.page())).isVisible();
      assertThat(spa.page().locator(FRAME)).hasCount(0);
      spa.page().evaluate("m => history.pushState({}, '', location.pathname + location.search"
          + " + '&' + m + '-offer=1')", marker);
      context.clock().runFor(500);
      assertThat(widget(spa.page()).locator("#sb-invite .sb-invite-text")).hasText(offer);
      spa.page().close();

      // Opened from the keyboard, the frame starts with the chat open.
      Participant agent = Participant.agent(node.http(), node.ws(), fixtures.addAgent(3));
      agents.add(agent);
      agent.client().setStatus("online").get();
      Traffic keyboard = visit(context, marker + "=keyboard");
      assertThat(launcher(keyboard.page())).isVisible();
      assertThat(keyboard.page().locator(FRAME)).hasCount(0);
      launcher(keyboard.page()).focus();
      keyboard.page().keyboard().press("Enter");
      assertThat(launcher(keyboard.page())).hasAttribute("aria-expanded", "true");
      FrameLocator chat = widget(keyboard.page());
      assertThat(chat.locator("form[data-mode='prechat']")).isVisible();
      chat.locator("#sb-f-name").fill("Ada");
      chat.locator("#sb-f-email").fill("ada.light@example.com");
      chat.locator("form[data-mode='prechat'] button[type=submit]").click();
      assertThat(chat.locator("#sb-input")).isVisible();
      await().atMost(Duration.ofSeconds(10)).until(() -> (Boolean) keyboard.page().evaluate(
          "key => (JSON.parse(localStorage.getItem(key)) || {}).active === true",
          "switchboard:" + fixtures.siteKey));
      keyboard.page().close();

      // A chat is going: the next page view starts the frame at once, and the chat goes on.
      Traffic chatting = visit(context, marker + "=chatting");
      assertThat(chatting.page().locator(FRAME)).hasCount(1);
      assertThat(widget(chatting.page()).locator("#sb-input")).isAttached();
      assertThat(chatting.reports()).isZero();
    }
    assertThat(pageErrors).isEmpty();
  }

  @Test
  void aReportThatCannotBeSentLeavesTheFrameToDoItsWork() {
    try (BrowserContext context = browser.newContext()) {
      Traffic first = visit(context, "unsent=first");
      awaitPass(first.page());
      first.page().close();
      // As a shop's Content-Security-Policy without the Switchboard origin in connect-src does.
      context.route("**" + PAGE_VIEW, route -> route.abort());
      Traffic blocked = visit(context, "unsent=blocked");
      assertThat(blocked.page().locator(FRAME)).hasCount(1);
      assertThat(widget(blocked.page()).locator("form").first()).isAttached();
    }
    assertThat(pageErrors).isEmpty();
  }

  @Test
  void theSameSignedInUserStaysLightAndAnotherStartsTheFrame() throws Exception {
    String admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 3));
    String secret = expect(201, Http.call("POST", node.http(), "/v1/admin/sites/" + fixtures.siteId
        + "/identity/keys", admin, "{\"kind\":\"secret\"}")).get("secret").asText();
    String identify = "Switchboard.identify({userId: '%s', email: '%s@example.com', name: '%s',"
        + " signature: '%s'})";
    String ada = String.format(identify, "light-ada", "ada", "Ada",
        IdentityTestKeys.hmac(secret, "light-ada\nada@example.com\nAda"));
    String alan = String.format(identify, "light-alan", "alan", "Alan",
        IdentityTestKeys.hmac(secret, "light-alan\nalan@example.com\nAlan"));
    try (BrowserContext context = browser.newContext()) {
      context.clock().install();
      Traffic first = visit(context, "signed=first");
      first.page().evaluate(ada);
      await().atMost(Duration.ofSeconds(10)).until(() -> "light-ada".equals(first.page().evaluate(
          "key => (JSON.parse(localStorage.getItem(key)) || {}).proof", "switchboard:"
              + fixtures.siteKey)));
      awaitPass(first.page());
      first.page().close();

      Traffic same = visit(context, "signed=same");
      same.page().evaluate(ada);
      context.clock().runFor(500);
      await().atMost(Duration.ofSeconds(10)).until(() -> same.reports() >= 1);
      assertThat(same.page().locator(FRAME)).hasCount(0);
      same.page().close();

      Traffic other = visit(context, "signed=other");
      other.page().evaluate(alan);
      assertThat(other.page().locator(FRAME)).hasCount(1);
    }
    assertThat(pageErrors).isEmpty();
  }

  @AfterEach
  void closeAgents() {
    agents.forEach(Participant::close);
    agents.clear();
  }
}
