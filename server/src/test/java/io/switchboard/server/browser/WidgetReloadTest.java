package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A visitor on the demo shop chats with an agent (the Java SDK), then reloads the page in the
 * middle of the conversation: the whole history comes back in order and the chat goes on.
 */
class WidgetReloadTest extends WidgetBrowserTest {

  @Test
  void historySurvivesAReloadAndSendingContinues(TestInfo test) throws Exception {
    // One agent with room for one chat, busy with another visitor: the widget's visitor queues.
    Fixtures.Agent account = fixtures.addAgent(1);
    try (Participant agent = Participant.agent(node.http(), node.ws(), account);
        Participant other = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        BrowserContext context = newContext()) {
      agent.client().setStatus("online").get();
      String busy = other.client().start(fixtures.queueId, Map.of("name", "Other visitor")).get()
          .conversationId();
      agent.await(ServerMessage.Assigned.class, a -> a.conversationId().equals(busy), Duration.ofSeconds(15));
      agent.client().accept(busy).get();

      Page page = openDemo(context);
      FrameLocator widget = openWidget(page);
      assertThat(widget.getByLabel("Name")).isVisible();
      screenshot(page, test, "1-prechat");

      // Pre-chat form, then the queue with a live position and an estimate.
      startChat(widget, "Lena Fischer", "lena@example.com");
      assertThat(widget.locator(".sb-position")).hasText("You are number 1 in the queue.");
      assertThat(widget.locator(".sb-eta")).hasText("Estimated wait: about 5 min.");
      screenshot(page, test, "2-waiting");

      // The agent finishes the other chat, is assigned this one and accepts it.
      agent.client().close(busy, "resolved").get();
      ServerMessage.Assigned assigned = agent.await(ServerMessage.Assigned.class,
          a -> !a.conversationId().equals(busy), Duration.ofSeconds(15));
      String conversationId = assigned.conversationId();
      assertThat(assigned.visitor().name()).isEqualTo("Lena Fischer");
      // The widget starts the conversation in its own language, for language-based routing.
      assertThat(new ConversationDao(node.node().database().jdbi())
          .find(java.util.UUID.fromString(conversationId)).orElseThrow().language()).isEqualTo("en");
      agent.client().accept(conversationId).get();
      assertThat(widget.locator(".sb-system").last()).hasText(account.name() + " joined the chat");
      assertThat(widget.locator(".sb-waiting")).isHidden();
      assertThat(widget.locator(".sb-title")).hasText(account.name());

      // Messages both ways, with typing indicators both ways.
      widget.locator("#sb-input").pressSequentially("Hi, my order");
      agent.await(ServerMessage.Typing.class, t -> t.role().equals("visitor") && t.active(),
          Duration.ofSeconds(10));
      send(widget, "Hi, my order A-10442 has not arrived yet.");
      agent.await(ServerMessage.Typing.class, t -> t.role().equals("visitor") && !t.active(),
          Duration.ofSeconds(10));
      awaitAgentMessage(agent, conversationId, "Hi, my order A-10442 has not arrived yet.");
      agent.client().typing(conversationId, true).get();
      assertThat(widget.locator(".sb-typing")).hasText(account.name() + " is typing…");
      screenshot(page, test, "3-agent-typing");
      agent.client().send(conversationId, "Sorry about that! Let me check: https://shop.example/track/A-10442").get();
      assertThat(widget.locator(".sb-log .sb-msg--agent .sb-bubble").last())
          .hasText("Sorry about that! Let me check: https://shop.example/track/A-10442");
      assertThat(widget.locator(".sb-typing")).hasText("");
      // The link is a safe anchor.
      assertThat(widget.locator(".sb-log .sb-msg--agent .sb-bubble a").last())
          .hasAttribute("href", "https://shop.example/track/A-10442");
      assertThat(widget.locator(".sb-log .sb-msg--agent .sb-bubble a").last())
          .hasAttribute("rel", "noopener noreferrer");
      send(widget, "Thanks, I'll wait.");
      ServerMessage.Message third = awaitAgentMessage(agent, conversationId, "Thanks, I'll wait.");

      // The visitor read the agent's message (the panel is open); the agent reads the visitor's.
      agent.await(ServerMessage.ReadUpTo.class,
          read -> read.conversationId().equals(conversationId) && read.seq() >= 2, Duration.ofSeconds(10));
      agent.client().markRead(conversationId, third.seq()).get();
      assertThat(widget.locator(".sb-msg--own").last().locator(".sb-seen")).hasText("Seen");
      screenshot(page, test, "4-chatting");

      List<String> before = List.of("Hi, my order A-10442 has not arrived yet.",
          "Sorry about that! Let me check: https://shop.example/track/A-10442", "Thanks, I'll wait.");
      assertThat(bubbles(widget)).containsExactlyElementsOf(before);

      // The agent sees which page the visitor is on, live: the shop's title changes with the cart.
      page.locator("[data-add]").first().click();
      ServerMessage.VisitorContext pageContext = agent.await(ServerMessage.VisitorContext.class,
          c -> c.title() != null && c.title().startsWith("Cart (1)"), Duration.ofSeconds(10));
      assertThat(pageContext.url()).isEqualTo(baseUrl() + "/demo?site=" + fixtures.siteKey);
      assertThat(pageContext.conversationId()).isEqualTo(conversationId);

      // Reload mid-conversation: the history comes back from the server, in order.
      page.reload();
      widget = openWidget(page);
      assertThat(widget.locator(".sb-log .sb-bubble")).hasCount(3);
      assertThat(bubbles(widget)).containsExactlyElementsOf(before);
      assertThat(widget.locator(".sb-title")).hasText(account.name());
      screenshot(page, test, "5-after-reload");

      // And the chat goes on: the agent receives the next message once.
      send(widget, "Back again after a reload");
      awaitAgentMessage(agent, conversationId, "Back again after a reload");
      assertThat(widget.locator(".sb-msg--own").last()).hasAttribute("data-state", "sent");
      assertThat(agentTexts(agent, conversationId)).containsExactly(
          before.get(0), before.get(1), before.get(2), "Back again after a reload");
      assertThat(pageErrors).isEmpty();
    }
  }
}
