package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.RatingDao;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.RawSocket;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The rating a visitor gave after the chat closed shows in the agent's sidebar: when they come
 * back to the chat, and at once while they still have it open.
 */
class ConsoleRatingTest extends ConsoleBrowserTest {

  @Test
  void theVisitorsRatingShowsInTheSidebar(TestInfo info) throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(2);
    Page page = openConsole();
    login(page, agent);
    setStatus(page, "online");
    try (Participant visitor = Participant.connect(node.ws(),
        Http.visitorToken(node.http(), fixtures.siteKey), event -> { })) {
      String id = visitor.client().start(fixtures.queueId, Map.of("name", "Rita Stars")).get()
          .conversationId();
      visitor.client().send(id, "Thanks for the help").get();
      page.locator(".conv-item", new Page.LocatorOptions().setHasText("Rita Stars")).click();
      assertThat(page.getByRole(AriaRole.LOG)).containsText("Thanks for the help");
      visitor.client().close(id, null).get();
      UUID conversation = UUID.fromString(id);
      UUID contact = new ConversationDao(jdbi()).find(conversation).orElseThrow().contactId();
      new RatingDao(jdbi()).rate(conversation, contact, 4, "Quick and kind");

      // The agent moves to another chat and comes back to the closed one.
      try (Participant next = Participant.connect(node.ws(),
          Http.visitorToken(node.http(), fixtures.siteKey), event -> { })) {
        next.client().start(fixtures.queueId, Map.of("name", "Nico Next")).get();
        page.locator(".conv-item", new Page.LocatorOptions().setHasText("Nico Next")).click();
        page.locator(".conv-item", new Page.LocatorOptions().setHasText("Rita Stars")).click();
      }
      assertThat(page.locator("#side-rating-card")).containsText("Visitor rating");
      assertThat(page.locator("#side-rating-card .rating-stars")).hasAttribute("aria-label",
          "4 of 5 stars");
      assertThat(page.locator("#side-rating-card .rating-comment")).hasText("Quick and kind");
      screenshot(page, info, "rating");
    }
  }

  @Test
  void aRatingGivenWhileTheAgentHasTheChatOpenShowsAtOnce(TestInfo info) throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(2);
    Page page = openConsole();
    login(page, agent);
    setStatus(page, "online");
    try (RawSocket visitor = RawSocket.connect(node.ws(),
        Http.visitorToken(node.http(), fixtures.siteKey))) {
      visitor.next("welcome");
      visitor.sendText("{\"type\":\"start\",\"id\":\"s\",\"queue\":\"" + fixtures.queueId
          + "\",\"fields\":{\"name\":\"Rafa Live\"}}");
      String started = visitor.reply("started", "s");
      String id = started.replaceAll(".*\"conversationId\":\"([^\"]+)\".*", "$1");
      page.locator(".conv-item", new Page.LocatorOptions().setHasText("Rafa Live")).click();
      visitor.sendText("{\"type\":\"close\",\"id\":\"c\",\"conversationId\":\"" + id + "\"}");
      visitor.reply("ok", "c");
      assertThat(page.locator(".closed-bar")).isVisible();
      assertThat(page.locator("#side-rating-card")).hasCount(0);

      visitor.sendText("{\"type\":\"rate\",\"id\":\"r\",\"conversationId\":\"" + id
          + "\",\"score\":5,\"comment\":\"Brilliant\"}");
      visitor.reply("ok", "r");
      assertThat(page.locator("#side-rating-card .rating-stars")).hasAttribute("aria-label",
          "5 of 5 stars");
      assertThat(page.locator("#side-rating-card .rating-comment")).hasText("Brilliant");
      screenshot(page, info, "rating-live");
      setStatus(page, "offline");
    }
  }
}
