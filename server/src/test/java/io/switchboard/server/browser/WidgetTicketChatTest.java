package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.Tickets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * In a chat, the agent makes a ticket of it: the visitor's chat says so with a link to the ticket
 * in "My requests", whose header entry shows a dot. The ticket's public thread starts empty, the
 * agent's reply arrives live, and "Back" leads to the chat again.
 */
class WidgetTicketChatTest extends WidgetBrowserTest {

  @Test
  void aTicketMadeFromTheChatIsAnnouncedWithALinkToIt(TestInfo test) throws Exception {
    Fixtures.Agent account = fixtures.addAgent(3);
    String agentToken = Http.agentToken(node.http(), account);
    try (Participant agent = Participant.agent(node.http(), node.ws(), account);
        BrowserContext context = newContext()) {
      agent.client().setStatus("online").get();
      String conversationId;
      Page page = openDemo(context);
      FrameLocator widget = openWidget(page);
      try {
        startChat(widget, "Grace Hopper", "grace.tickets@example.com");
        conversationId = agent.await(ServerMessage.Assigned.class).conversationId();
        agent.client().accept(conversationId).get();
      } finally {
        // Later tests of this node expect nobody online.
        agent.client().setStatus("offline").get();
      }
      assertThat(widget.locator(".sb-system").last()).hasText(account.name() + " joined the chat");
      send(widget, "The grinder I bought last week makes a rattling noise.");
      assertThat(button(widget, "My requests")).isHidden();

      JsonNode ticket = Tickets.expect(201, Http.call("POST", node.http(),
          "/v1/conversations/" + conversationId + "/ticket", agentToken,
          "{\"subject\":\"Replacement grinder\"}"));
      String ticketId = ticket.get("id").asText();
      long number = ticket.get("number").asLong();
      Locator line = widget.locator(".sb-system").last();
      assertThat(line).hasText("A request #" + number + " was created for this conversation. View request");
      assertThat(button(widget, "My requests (new updates)")).isVisible();
      assertThat(widget.locator(".sb-dot")).isVisible();
      screenshot(page, test, "1-ticket-line-in-chat");

      // The link opens the ticket; its public thread is empty until someone replies.
      button(widget, "View request").click();
      assertThat(widget.locator("#sb-tk-title")).hasText("#" + number + " Replacement grinder");
      assertThat(widget.locator(".sb-tk-meta .sb-tk-status")).hasText("Received");
      assertThat(widget.locator(".sb-tk-body .sb-tk-empty")).hasText("No messages yet. We will reply here.");
      Tickets.expect(201, Tickets.call(node.http(), agentToken, "POST", ticketId, "/replies",
          "{\"text\":\"A new grinder is on its way to you.\"}"));
      assertThat(widget.locator(".sb-tk-thread .sb-msg--agent .sb-bubble"))
          .hasText("A new grinder is on its way to you.");
      assertThat(widget.locator(".sb-tk-body .sb-tk-empty")).isHidden();
      screenshot(page, test, "2-ticket-from-chat");

      // Back to the list, then to the chat, which is still going.
      button(widget, "All requests").click();
      assertThat(widget.locator(".sb-tk-item .sb-tk-number")).hasText("#" + number);
      button(widget, "Back").click();
      assertThat(widget.locator("#sb-input")).isVisible();
      assertThat(widget.locator(".sb-system").last())
          .hasText("A request #" + number + " was created for this conversation. View request");
      assertThat(button(widget, "My requests")).isVisible();
      assertThat(widget.locator(".sb-dot")).isHidden();
      assertThat(pageErrors).isEmpty();
    }
  }

  private static Locator button(FrameLocator widget, String name) {
    return widget.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName(name).setExact(true));
  }
}
