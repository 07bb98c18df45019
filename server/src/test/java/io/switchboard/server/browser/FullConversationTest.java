package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Both sides in real browsers: a visitor on the demo shop page and an agent in the console, in
 * separate browser contexts. The visitor fills in the pre-chat form and waits with a queue
 * position; the agent finishes another chat and receives this one; they write with typing
 * indicators both ways; the agent closes with a disposition and the visitor rates the chat.
 * PostgreSQL then holds the transcript, the disposition and the rating.
 */
class FullConversationTest extends ConsoleBrowserTest {
  private static final String FRAME = "iframe#switchboard-chat-frame";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void aVisitorAndAnAgentChatInTwoBrowsersAndEverythingIsStored(TestInfo info) throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(1);
    Page console = openConsole();
    login(console, agent);
    setStatus(console, "online");

    // The agent is busy with someone else (capacity 1), so the next visitor has to wait.
    try (Participant busy = Participant.visitor(node.http(), node.ws(), fixtures.siteKey)) {
      String busyId = busy.client().start(fixtures.queueId, Map.of("name", "Busy Bee")).get()
          .conversationId();
      Locator busyItem = console.locator(".conv-item", new Page.LocatorOptions().setHasText("Busy Bee"));
      assertThat(busyItem).isVisible();

      BrowserContext visitorContext = newContext();
      contexts.add(visitorContext);
      Page shop = visitorContext.newPage();
      shop.onPageError(error -> pageErrors.add(error));
      shop.navigate(baseUrl() + "/demo?site=" + fixtures.siteKey);
      shop.locator("#switchboard-launcher").click();
      FrameLocator widget = shop.frameLocator(FRAME);
      widget.getByLabel("Name").fill("Lena Fischer");
      widget.getByLabel("Email").fill("lena@example.com");
      widget.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Start chat")).click();
      assertThat(widget.locator(".sb-position")).hasText("You are number 1 in the queue.");
      screenshot(shop, info, "01-visitor-waiting");

      // The agent closes the other chat; the waiting visitor is assigned to them.
      busyItem.click();
      assertThat(console.locator(".conv-head h2")).hasText("Busy Bee");
      closeOpenConversation(console);
      busy.await(ServerMessage.Closed.class, c -> c.conversationId().equals(busyId), WAIT);
      Locator lenaItem = console.locator(".conv-item", new Page.LocatorOptions().setHasText("Lena Fischer"));
      assertThat(lenaItem).isVisible();
      lenaItem.click();
      assertThat(console.locator(".conv-head h2")).hasText("Lena Fischer");
      assertThat(widget.locator(".sb-system").last()).hasText(agent.name() + " joined the chat");

      // Typing and messages, both ways.
      Locator input = widget.locator("#sb-input");
      input.pressSequentially("Hi, my parcel");
      assertThat(console.locator(".typing-line")).hasText("Lena Fischer is typing…");
      input.fill("Hi, my parcel has not arrived.");
      input.press("Enter");
      Locator timeline = console.getByRole(AriaRole.LOG, new Page.GetByRoleOptions().setName("Messages"));
      assertThat(timeline).containsText("Hi, my parcel has not arrived.");
      Locator composer = console.getByLabel("Message", new Page.GetByLabelOptions().setExact(true));
      composer.pressSequentially("Let me");
      assertThat(widget.locator(".sb-typing")).hasText(agent.name() + " is typing…");
      composer.fill("Let me check the tracking for you.");
      composer.press("Enter");
      assertThat(widget.locator(".sb-log .sb-msg--agent .sb-bubble").last())
          .hasText("Let me check the tracking for you.");
      input.fill("Thank you!");
      input.press("Enter");
      assertThat(timeline).containsText("Thank you!");
      screenshot(console, info, "02-agent-chatting");
      screenshot(shop, info, "03-visitor-chatting");

      // The agent closes with a disposition; the visitor rates the chat.
      closeOpenConversation(console);
      assertThat(widget.getByRole(AriaRole.RADIOGROUP)).isVisible();
      widget.locator("label[for=sb-star-5]").click();
      assertThat(widget.locator("#sb-star-5")).isChecked();
      widget.locator("#sb-rating-comment").fill("Fast and friendly");
      widget.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Send rating")).click();
      assertThat(widget.locator(".sb-thanks-line")).hasText("Thanks for your feedback!");
      screenshot(shop, info, "04-visitor-rated");

      // PostgreSQL: the transcript in order, the disposition, the rating.
      String conversationId = jdbi().withHandle(handle -> handle.createQuery("""
              SELECT c.id::text FROM conversations c JOIN contacts k ON k.id = c.contact_id
              WHERE c.site_id = :site AND k.name = 'Lena Fischer'""")
          .bind("site", fixtures.siteId).mapTo(String.class).one());
      List<String> transcript = jdbi().withHandle(handle -> handle.createQuery(
              "SELECT body FROM messages WHERE conversation_id = CAST(? AS uuid) ORDER BY seq")
          .bind(0, conversationId).mapTo(String.class).list());
      Assertions.assertThat(transcript).containsExactly("Hi, my parcel has not arrived.",
          "Let me check the tracking for you.", "Thank you!");
      org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> {
        Map<String, Object> row = jdbi().withHandle(handle -> handle.createQuery("""
                SELECT c.status, c.disposition, r.score, r.comment
                FROM conversations c JOIN ratings r ON r.conversation_id = c.id
                WHERE c.id = CAST(? AS uuid)""")
            .bind(0, conversationId).mapToMap().one());
        Assertions.assertThat(row).containsEntry("status", "closed")
            .containsEntry("disposition", "resolved").containsEntry("score", 5)
            .containsEntry("comment", "Fast and friendly");
      });
    }
  }

  /** Closes the conversation open in the console as "resolved". */
  private static void closeOpenConversation(Page console) {
    console.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close").setExact(true)).click();
    Locator dialog = console.getByRole(AriaRole.DIALOG,
        new Page.GetByRoleOptions().setName("Close conversation"));
    assertThat(dialog).isVisible();
    dialog.getByLabel("Resolved").check();
    dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close conversation")).click();
    assertThat(console.locator(".closed-bar")).containsText("resolved");
  }
}
