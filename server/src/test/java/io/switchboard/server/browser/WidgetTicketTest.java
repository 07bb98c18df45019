package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Tickets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Nobody is online: the visitor leaves a message, is told its ticket number and follows it under
 * "My requests". An agent answers over REST and the reply appears in the widget without a reload;
 * the visitor answers back with the keyboard, staff read that answer, and when the agent solves
 * the ticket the visitor sees it solved (with a dot on "My requests" while they look elsewhere).
 * The same again in Chinese on a 360 px phone, with no English left and no serious axe findings.
 */
class WidgetTicketTest extends WidgetBrowserTest {

  @Test
  void theVisitorFollowsTheirRequestAndTheAgentsRepliesArriveLive(TestInfo test) throws Exception {
    Fixtures.Agent account = fixtures.addAgent(3);
    String agentToken = Http.agentToken(node.http(), account);
    try (BrowserContext context = newContext()) {
      Page page = openDemo(context);
      FrameLocator widget = openWidget(page);
      assertThat(widget.locator("form[data-mode='offline']")).isVisible();
      widget.getByLabel("Name").fill("Ada Lovelace");
      widget.getByLabel("Email").fill("ada.tickets@example.com");
      widget.getByLabel("Message").fill("My parcel never arrived\nOrder 1042 was due on Monday.");
      button(widget, "Send message").click();

      Map<String, Object> row = ticketOf("ada.tickets@example.com");
      String ticketId = row.get("id").toString();
      long number = ((Number) row.get("number")).longValue();
      assertThat(widget.locator(".sb-thanks-number")).hasText("Your request #" + number + " is recorded.");
      assertThat(widget.locator(".sb-thanks h2")).hasText("Thank you!");
      assertThat(button(widget, "My requests")).isVisible();
      assertThat(widget.locator(".sb-dot")).isHidden();
      screenshot(page, test, "1-thanks-with-number");
      // Marks this page load: a reload would lose it.
      widgetFrame(page).evaluate("() => { window.__sameLoad = true; }");

      button(widget, "View my requests").click();
      Locator item = widget.locator(".sb-tk-item");
      assertThat(item).hasCount(1);
      assertThat(item.locator(".sb-tk-number")).hasText("#" + number);
      assertThat(item.locator(".sb-tk-subject")).hasText("My parcel never arrived");
      assertThat(item.locator(".sb-tk-status")).hasText("Received");
      assertThat(item.locator(".sb-tk-updated")).containsText("Updated");
      item.click();
      assertThat(widget.locator("#sb-tk-title")).hasText("#" + number + " My parcel never arrived");
      assertThat(widget.locator("#sb-tk-title")).isFocused();
      assertThat(widget.locator(".sb-tk-thread .sb-msg--own .sb-bubble"))
          .hasText("My parcel never arrived\nOrder 1042 was due on Monday.");

      // The agent answers over REST; the thread shows it live, with the agent's name.
      Tickets.expect(201, Tickets.call(node.http(), agentToken, "POST", ticketId, "/replies",
          "{\"text\":\"Sorry about that! It left our warehouse today.\"}"));
      Locator agentReply = widget.locator(".sb-tk-thread .sb-msg--agent");
      assertThat(agentReply.locator(".sb-bubble")).hasText("Sorry about that! It left our warehouse today.");
      assertThat(agentReply.locator(".sb-msg-author")).hasText(account.name());
      assertThat(widget.locator(".sb-tk-meta .sb-tk-status")).hasText("In progress");
      assertThat(widgetFrame(page).evaluate("() => window.__sameLoad === true")).isEqualTo(true);
      screenshot(page, test, "2-agent-reply-live");

      // The visitor answers with the keyboard only.
      assertThat(widget.locator("#sb-tk-title")).isFocused();
      page.keyboard().press("Tab");
      assertThat(widget.getByLabel("Your reply")).isFocused();
      page.keyboard().type("Thanks, I will watch for it.");
      page.keyboard().press("Enter");
      assertThat(widget.locator(".sb-tk-thread .sb-msg--own .sb-bubble").last())
          .hasText("Thanks, I will watch for it.");
      assertThat(widget.getByLabel("Your reply")).hasValue("");
      assertThat(widget.getByLabel("Your reply")).isFocused();
      assertThat(customerEntries(agentToken, ticketId)).contains("Thanks, I will watch for it.");

      // Elsewhere in the widget, the agent solves it: "My requests" gets a dot.
      button(widget, "All requests").click();
      button(widget, "Back").click();
      assertThat(widget.locator(".sb-thanks h2")).hasText("Thank you!");
      assertThat(widget.locator(".sb-dot")).isHidden();
      Tickets.expect(200, Tickets.status(node.http(), agentToken, ticketId, "solved"));
      Locator entry = button(widget, "My requests (new updates)");
      assertThat(entry).isVisible();
      assertThat(widget.locator(".sb-dot")).isVisible();
      screenshot(page, test, "3-dot-on-my-requests");
      entry.click();
      assertThat(item.locator(".sb-tk-status")).hasText("Solved");
      assertThat(item.locator(".sb-tk-fresh")).hasText("New");
      item.click();
      assertThat(widget.locator(".sb-tk-meta .sb-tk-status")).hasText("Solved");
      assertThat(widget.locator(".sb-tk-note")).hasText("This request is solved. If you reply, it opens again.");
      assertThat(widget.getByLabel("Your reply")).isVisible();
      screenshot(page, test, "4-solved");

      // Closed: no reply box any more.
      Tickets.expect(200, Tickets.status(node.http(), agentToken, ticketId, "closed"));
      assertThat(widget.locator(".sb-tk-meta .sb-tk-status")).hasText("Closed");
      assertThat(widget.locator(".sb-tk-note")).hasText(
          "This request is closed. For anything new, start a chat or leave us a message.");
      assertThat(widget.locator("#sb-tk-input")).hasCount(0);
      assertThat(widgetFrame(page).evaluate("() => window.__sameLoad === true")).isEqualTo(true);
      assertThat(pageErrors).isEmpty();
    }
  }

  @Test
  void inChineseOnA360PixelPhoneEverythingIsTranslatedAccessibleAndKeyboardUsable(TestInfo test)
      throws Exception {
    Fixtures.Agent account = fixtures.addAgent(3);
    String agentToken = Http.agentToken(node.http(), account);
    try (BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setViewportSize(360, 740).setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true)
        .setLocale("zh-CN"))) {
      // The widget's own page, as the full-screen iframe shows it on a phone.
      Page page = context.newPage();
      page.onPageError(error -> pageErrors.add("page error: " + error));
      page.navigate(baseUrl() + "/widget/frame.html?site=" + fixtures.siteKey);
      assertThat(page.locator("html")).hasAttribute("lang", "zh-CN");
      assertThat(page.locator(".sb-heading")).hasText("给我们留言");
      assertThat(page.getByLabel("姓名")).isFocused();
      page.keyboard().type("陈美");
      page.keyboard().press("Tab");
      page.keyboard().type("mei.tickets@example.com");
      page.keyboard().press("Tab");
      page.keyboard().type("发票抬头写错了\n请帮我改成北风咖啡有限公司。");
      page.keyboard().press("Tab");
      page.keyboard().press("Enter");

      Map<String, Object> row = ticketOf("mei.tickets@example.com");
      String ticketId = row.get("id").toString();
      long number = ((Number) row.get("number")).longValue();
      assertThat(page.locator(".sb-thanks-number")).hasText("您的工单 #" + number + " 已记录。");
      String siteName = node.node().database().jdbi().withHandle(handle -> handle
          .createQuery("SELECT name FROM sites WHERE id = :id").bind("id", fixtures.siteId)
          .mapTo(String.class).one());
      List<String> data = List.of(account.name(), siteName, "mei.tickets@example.com", "陈美");
      assertClean(page, data, "thanks");
      viewportScreenshot(page, test, "1-thanks");

      assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("我的工单")
          .setExact(true))).isVisible();
      assertThat(page.locator(".sb-dot")).isHidden();
      Locator viewMine = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("查看我的工单")
          .setExact(true));
      assertThat(viewMine).isFocused();
      page.keyboard().press("Enter");
      assertThat(page.locator("#sb-tk-title")).hasText("我的工单");
      assertThat(page.locator(".sb-tk-item .sb-tk-status")).hasText("已收到");
      assertClean(page, data, "list");
      viewportScreenshot(page, test, "2-list");
      page.keyboard().press("Tab");
      assertThat(page.locator(".sb-tk-item")).isFocused();
      page.keyboard().press("Enter");
      assertThat(page.locator("#sb-tk-title")).hasText("#" + number + " 发票抬头写错了");
      assertThat(page.locator("#sb-tk-title")).isFocused();

      Tickets.expect(201, Tickets.call(node.http(), agentToken, "POST", ticketId, "/replies",
          "{\"text\":\"已经为您修改，请查收新的发票。\"}"));
      assertThat(page.locator(".sb-tk-thread .sb-msg--agent .sb-bubble"))
          .hasText("已经为您修改，请查收新的发票。");
      assertThat(page.locator(".sb-tk-meta .sb-tk-status")).hasText("处理中");

      // Keyboard only: from the heading to the reply box, Enter sends.
      page.keyboard().press("Tab");
      assertThat(page.getByLabel("您的回复")).isFocused();
      page.keyboard().type("收到了，谢谢！");
      page.keyboard().press("Enter");
      assertThat(page.locator(".sb-tk-thread .sb-msg--own .sb-bubble").last()).hasText("收到了，谢谢！");
      assertThat(customerEntries(agentToken, ticketId)).contains("收到了，谢谢！");
      assertClean(page, data, "thread");
      assertNoHorizontalOverflow(page);
      viewportScreenshot(page, test, "3-thread");

      Tickets.expect(200, Tickets.status(node.http(), agentToken, ticketId, "solved"));
      assertThat(page.locator(".sb-tk-meta .sb-tk-status")).hasText("已解决");
      assertThat(page.locator(".sb-tk-note"))
          .hasText("此工单已解决。如果您回复，工单将重新打开。");
      assertThat(page.getByLabel("您的回复")).isInViewport();
      assertClean(page, data, "solved");
      assertNoHorizontalOverflow(page);
      viewportScreenshot(page, test, "4-solved");
      assertThat(pageErrors).isEmpty();
    }
  }

  private static Locator button(FrameLocator widget, String name) {
    return widget.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName(name).setExact(true));
  }

  /** No English left on the page and no serious or critical axe findings. */
  private void assertClean(Page page, List<String> data, String where) {
    assertThat(UntranslatedText.find(page, data)).as("untranslated on " + where).isEmpty();
    assertThat(Accessibility.seriousViolations(page)).as("axe on " + where).isEmpty();
  }

  private void assertNoHorizontalOverflow(Page page) {
    assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"
        + " && [...document.querySelectorAll('body *')].every(el =>"
        + " el.getBoundingClientRect().right <= window.innerWidth + 0.5)")).isEqualTo(true);
  }

  /** The ticket the offline form made for this email (waits for it). */
  private Map<String, Object> ticketOf(String email) {
    return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
        node.node().database().jdbi().withHandle(handle -> handle.createQuery(
            "SELECT id::text AS id, number FROM tickets WHERE site_id = :site AND requester_email = :email")
            .bind("site", fixtures.siteId).bind("email", email).mapToMap().findOne().orElse(null)),
        java.util.Objects::nonNull);
  }

  /** What the requester wrote on the ticket, as staff read it over REST. */
  private List<String> customerEntries(String token, String ticketId) throws Exception {
    JsonNode ticket = Tickets.read(node.http(), token, ticketId);
    List<String> bodies = new ArrayList<>();
    for (JsonNode entry : ticket.get("entries")) {
      if (entry.get("kind").asText().equals("customer")) {
        bodies.add(entry.get("body").asText());
      }
    }
    return bodies;
  }
}
