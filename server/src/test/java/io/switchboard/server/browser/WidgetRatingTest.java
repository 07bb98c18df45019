package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * After the agent closes the chat, the visitor rates it with the keyboard (4 stars and a comment),
 * the rating is stored, and a new conversation can be started.
 */
class WidgetRatingTest extends WidgetBrowserTest {

  @Test
  void theVisitorRatesAClosedChatAndStartsANewOne(TestInfo test) throws Exception {
    try (Participant agent = Participant.agent(node.http(), node.ws(), fixtures.addAgent(3));
        BrowserContext context = newContext()) {
      agent.client().setStatus("online").get();
      // The shop queues a call before the loader runs, and identifies its signed-in customer.
      context.addInitScript("window.Switchboard = {q: [['setAttributes', {plan: 'pro', cartItems: 2}]]};");
      Page page = openDemo(context);
      assertThat(launcher(page)).isVisible();
      page.evaluate("() => window.Switchboard.identify({name: 'Grace Hopper', email: 'grace@example.com'})");
      FrameLocator widget = openWidget(page);
      assertThat(widget.getByLabel("Name")).hasValue("Grace Hopper");
      assertThat(widget.getByLabel("Email")).hasValue("grace@example.com");
      widget.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Start chat")).click();
      ServerMessage.Assigned assigned = agent.await(ServerMessage.Assigned.class);
      String conversationId = assigned.conversationId();
      assertThat(assigned.fields()).containsEntry("name", "Grace Hopper")
          .containsEntry("email", "grace@example.com").containsEntry("plan", "pro")
          .containsEntry("cartItems", "2");
      agent.client().accept(conversationId).get();
      send(widget, "Can I change my delivery address?");
      awaitAgentMessage(agent, conversationId, "Can I change my delivery address?");

      // With the panel closed, an answer shows as an unread badge and is not marked read.
      page.keyboard().press("Escape");
      assertThat(page.locator(FRAME)).isHidden();
      long answer = agent.client().send(conversationId, "Done, it ships to the new address.").get().seq();
      assertThat(launcher(page)).hasAttribute("aria-label", "Open chat (1 unread)");
      assertThat(launcher(page).locator("span")).hasText("1");
      screenshot(page, test, "0-unread-badge");
      assertThat(agent.events()).noneMatch(event -> event instanceof ServerMessage.ReadUpTo read
          && read.seq() >= answer);
      widget = openWidget(page);
      assertThat(launcher(page).locator("span")).isHidden();
      assertThat(widget.locator(".sb-log .sb-msg--agent .sb-bubble")).hasText("Done, it ships to the new address.");
      agent.await(ServerMessage.ReadUpTo.class, read -> read.seq() >= answer, Duration.ofSeconds(10));

      // The agent closes: the composer gives way to the rating form.
      agent.client().close(conversationId, "resolved").get();
      assertThat(widget.locator(".sb-system").last()).hasText("This chat has ended.");
      assertThat(widget.locator("#sb-input")).hasCount(0);
      assertThat(widget.getByRole(AriaRole.RADIOGROUP)).isVisible();
      screenshot(page, test, "1-rating-form");

      // Keyboard only: focus the first star, arrow to the fourth, Tab to the comment, submit.
      widget.locator("#sb-star-1").focus();
      page.keyboard().press("Space");
      page.keyboard().press("ArrowRight");
      page.keyboard().press("ArrowRight");
      page.keyboard().press("ArrowRight");
      assertThat(widget.getByRole(AriaRole.RADIO, new FrameLocator.GetByRoleOptions().setName("4 of 5 stars")))
          .isChecked();
      assertThat(widget.locator(".sb-star.sb-on")).hasCount(4);
      page.keyboard().press("Tab");
      assertThat(widget.locator("#sb-rating-comment")).isFocused();
      page.keyboard().type("Quick and friendly, thanks!");
      screenshot(page, test, "2-rating-filled");
      page.keyboard().press("Tab");
      page.keyboard().press("Enter");
      assertThat(widget.locator(".sb-thanks-line")).hasText("Thanks for your feedback!");
      screenshot(page, test, "3-rating-thanks");

      // Stored: score 4 with the comment.
      var jdbi = node.node().database().jdbi();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        Optional<Map<String, Object>> row = jdbi.withHandle(handle -> handle
            .createQuery("SELECT score, comment FROM ratings WHERE conversation_id = :id")
            .bind("id", UUID.fromString(conversationId)).mapToMap().findOne());
        assertThat(row).isPresent();
        assertThat(row.get()).containsEntry("score", 4).containsEntry("comment", "Quick and friendly, thanks!");
      });

      // A new conversation can start, with the details given before; the old history is gone.
      widget.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Start a new chat")).click();
      assertThat(widget.getByLabel("Name")).hasValue("Grace Hopper");
      assertThat(widget.getByLabel("Email")).hasValue("grace@example.com");
      widget.getByRole(AriaRole.BUTTON, new FrameLocator.GetByRoleOptions().setName("Start chat")).click();
      ServerMessage.Assigned second = agent.await(ServerMessage.Assigned.class,
          a -> !a.conversationId().equals(conversationId), Duration.ofSeconds(15));
      assertThat(second.conversationId()).isNotEqualTo(conversationId);
      assertThat(widget.locator(".sb-log .sb-bubble")).hasCount(0);
      assertThat(pageErrors).isEmpty();
    }
  }
}
