package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Tickets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The widget's WebSocket cannot connect (a proxy that refuses it): "My requests" still works over
 * REST, and while the panel is open it reads the visitor's tickets every 30 seconds, so an agent's
 * reply shows up without the socket's event. The browser's clock is driven by the test.
 */
class WidgetTicketPollingTest extends WidgetBrowserTest {

  @Test
  void withoutASocketTheOpenThreadIsReadAgainEveryThirtySeconds(TestInfo test) throws Exception {
    Fixtures.Agent account = fixtures.addAgent(3);
    String agentToken = Http.agentToken(node.http(), account);
    try (BrowserContext context = newContext()) {
      context.routeWebSocket(Pattern.compile("/v1/ws"), socket -> socket.close());
      context.clock().install();
      Page page = openDemo(context);
      FrameLocator widget = openWidget(page);
      widget.getByLabel("Name").fill("Linus Pauling");
      widget.getByLabel("Email").fill("linus.tickets@example.com");
      widget.getByLabel("Message").fill("Where is my refund?");
      button(widget, "Send message").click();
      button(widget, "View my requests").click();
      widget.locator(".sb-tk-item").click();
      assertThat(widget.locator("#sb-tk-title")).containsText("Where is my refund?");

      Map<String, Object> row = node.node().database().jdbi().withHandle(handle -> handle
          .createQuery("SELECT id::text AS id FROM tickets WHERE requester_email = :email")
          .bind("email", "linus.tickets@example.com").mapToMap().one());
      Tickets.expect(201, Tickets.call(node.http(), agentToken, "POST", row.get("id").toString(),
          "/replies", "{\"text\":\"The refund went out this morning.\"}"));
      Locator reply = widget.locator(".sb-tk-thread .sb-msg--agent .sb-bubble");
      page.waitForTimeout(1500);
      assertThat(reply).hasCount(0);

      context.clock().runFor(31_000);
      assertThat(reply).hasText("The refund went out this morning.");
      assertThat(widget.locator(".sb-tk-meta .sb-tk-status")).hasText("In progress");
      screenshot(page, test, "1-reply-by-polling");
    }
  }

  private static Locator button(FrameLocator widget, String name) {
    return widget.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName(name).setExact(true));
  }
}
