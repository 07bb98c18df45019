package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.store.message.MessageDao;
import io.switchboard.server.store.message.StoredMessage;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The visitor's network drops mid-conversation: the widget says it is reconnecting, keeps what the
 * visitor writes meanwhile in its outbox (shown as sending), and once back online delivers each
 * message exactly once, in order.
 */
class WidgetOfflineOutboxTest extends WidgetBrowserTest {

  @Test
  void messagesWrittenOfflineAreDeliveredOnceWhenBackOnline(TestInfo test) throws Exception {
    try (Participant agent = Participant.agent(node.http(), node.ws(), fixtures.addAgent(3));
        BrowserContext context = newContext()) {
      agent.client().setStatus("online").get();
      Page page = openDemo(context);
      FrameLocator widget = openWidget(page);
      startChat(widget, "Omar Haddad", "omar@example.com");
      ServerMessage.Assigned assigned = agent.await(ServerMessage.Assigned.class);
      String conversationId = assigned.conversationId();
      agent.client().accept(conversationId).get();
      send(widget, "Before the tunnel");
      awaitAgentMessage(agent, conversationId, "Before the tunnel");
      agent.client().send(conversationId, "Hello Omar, how can I help?").get();
      assertThat(widget.locator(".sb-log .sb-msg--agent .sb-bubble")).hasText("Hello Omar, how can I help?");

      // Offline: the widget shows that it is reconnecting.
      context.setOffline(true);
      assertThat(widget.locator(".sb-banner")).isVisible();
      assertThat(widget.locator(".sb-banner")).containsText("Reconnecting…");

      // Three messages written while offline stay pending, each marked as sending.
      List<String> offline = List.of("one while offline", "two while offline", "three while offline");
      for (String text : offline) {
        send(widget, text);
      }
      Locator pending = widget.locator(".sb-msg--own.sb-msg--pending");
      assertThat(pending).hasCount(3);
      assertThat(pending.locator("[aria-label='Sending']")).hasCount(3);
      assertThat(pending.locator(".sb-bubble")).hasText(offline.toArray(String[]::new));
      screenshot(page, test, "1-offline-pending");
      assertThat(agentTexts(agent, conversationId)).doesNotContainAnyElementsOf(offline);

      // Back online: all three are delivered, once each, and shown as sent.
      context.setOffline(false);
      assertThat(widget.locator(".sb-banner")).isHidden();
      assertThat(pending).hasCount(0);
      for (String text : offline) {
        awaitAgentMessage(agent, conversationId, text);
      }
      assertThat(widget.locator(".sb-msg--own[data-seq]")).hasCount(4);
      assertThat(widget.locator(".sb-msg--own .sb-bubble"))
          .hasText(new String[] {"Before the tunnel", offline.get(0), offline.get(1), offline.get(2)});
      screenshot(page, test, "2-back-online");

      // Exactly once, in order, at the agent and in PostgreSQL (nothing stored twice).
      agent.client().send(conversationId, "Got all three, thanks").get();
      assertThat(widget.locator(".sb-log .sb-msg--agent .sb-bubble").last()).hasText("Got all three, thanks");
      assertThat(agentTexts(agent, conversationId)).containsExactly("Before the tunnel",
          "Hello Omar, how can I help?", offline.get(0), offline.get(1), offline.get(2),
          "Got all three, thanks");
      MessageDao messages = new MessageDao(node.node().database().jdbi());
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
          messages.after(UUID.fromString(conversationId), 0, 100).stream().map(StoredMessage::body))
          .containsExactly("Before the tunnel", "Hello Omar, how can I help?", offline.get(0),
              offline.get(1), offline.get(2), "Got all three, thanks"));

      // The visitor ends the chat from the header, after confirming.
      widget.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("End chat")).click();
      assertThat(widget.getByRole(AriaRole.ALERTDIALOG)).containsText("End this chat?");
      widget.getByRole(AriaRole.ALERTDIALOG).getByRole(AriaRole.BUTTON,
          new Locator.GetByRoleOptions().setName("End chat")).click();
      ServerMessage.Closed closed = agent.await(ServerMessage.Closed.class);
      assertThat(closed.by()).isEqualTo("visitor");
      assertThat(widget.locator(".sb-system").last()).hasText("You ended the chat.");
      assertThat(widget.getByRole(AriaRole.RADIOGROUP)).isVisible();
      assertThat(pageErrors).isEmpty();
    }
  }
}
