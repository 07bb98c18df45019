package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * No agent is online: the widget offers the offline form instead of the chat. The visitor uses it
 * with the keyboard only, sees each field's error next to it, and the message becomes a ticket.
 */
class WidgetOfflineFormTest extends WidgetBrowserTest {

  @Test
  void withNobodyOnlineTheVisitorLeavesAMessageThatBecomesATicket(TestInfo test) {
    try (BrowserContext context = newContext()) {
      Page page = openDemo(context);

      // Keyboard: the launcher is a button reachable with Tab; Enter opens the panel.
      assertThat(launcher(page)).isVisible();
      assertThat(launcher(page)).hasAttribute("aria-label", "Open chat");
      launcher(page).focus();
      page.keyboard().press("Enter");
      FrameLocator widget = widget(page);
      assertThat(widget.locator("form[data-mode='offline']")).isVisible();
      assertThat(widget.locator(".sb-heading")).hasText("Leave us a message");
      assertThat(widget.getByLabel("Name")).isFocused();

      // Submitting with errors: each is shown next to its field and described to assistive tech.
      page.keyboard().type("Ada Lovelace");
      page.keyboard().press("Tab");
      page.keyboard().type("ada-at-example");
      page.keyboard().press("Tab");
      page.keyboard().press("Tab");
      page.keyboard().press("Enter");
      assertThat(widget.locator("#sb-f-email")).hasAttribute("aria-invalid", "true");
      assertThat(widget.locator("#sb-f-email")).hasAttribute("aria-describedby", "sb-f-email-error");
      assertThat(widget.locator("#sb-f-email-error")).hasText("Please enter a valid email address, like name@example.com.");
      assertThat(widget.locator("#sb-f-message-error")).hasText("Please write a message (up to 8000 characters).");
      assertThat(widget.locator("#sb-f-name")).not().hasAttribute("aria-invalid", "true");
      assertThat(widget.locator("#sb-f-email")).isFocused();
      screenshot(page, test, "1-offline-form-errors");

      // Fixed: the ticket is sent and the visitor is thanked.
      page.keyboard().press("ControlOrMeta+A");
      page.keyboard().type("ada@example.com");
      page.keyboard().press("Tab");
      page.keyboard().type("Do you ship to Iceland?\nThe checkout does not list it.");
      assertThat(widget.locator("#sb-f-email")).not().hasAttribute("aria-invalid", "true");
      screenshot(page, test, "2-offline-form-filled");
      page.keyboard().press("Tab");
      page.keyboard().press("Enter");
      assertThat(widget.locator(".sb-thanks h2")).hasText("Thank you!");
      assertThat(widget.locator(".sb-thanks p")).hasText(
          "We received your message and will reply to ada@example.com as soon as we can.");
      screenshot(page, test, "3-offline-thanks");

      var jdbi = node.node().database().jdbi();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        List<Map<String, Object>> rows = jdbi.withHandle(handle -> handle
            .createQuery("""
                SELECT t.requester_name AS name, t.requester_email AS email, e.body AS message,
                    t.contact_id, t.queue_id, t.channel, t.status, t.number
                FROM tickets t JOIN ticket_entries e ON e.ticket_id = t.id
                WHERE t.site_id = :site""")
            .bind("site", fixtures.siteId).mapToMap().list());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("name", "Ada Lovelace")
            .containsEntry("email", "ada@example.com")
            .containsEntry("message", "Do you ship to Iceland?\nThe checkout does not list it.")
            .containsEntry("queue_id", fixtures.queueId).containsEntry("channel", "web_form")
            .containsEntry("status", "new").containsEntry("number", 1L);
        assertThat(rows.get(0).get("contact_id")).isNotNull();
      });

      // Escape closes the panel and gives the focus back to the launcher.
      page.keyboard().press("Escape");
      assertThat(page.locator(FRAME)).isHidden();
      assertThat(launcher(page)).isFocused();
      assertThat(pageErrors).isEmpty();
    }
  }
}
