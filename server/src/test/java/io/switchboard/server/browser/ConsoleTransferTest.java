package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A returning visitor: the sidebar lists their earlier conversation and shows its transcript;
 * then the agent transfers the chat with a note to a colleague, and it leaves the inbox.
 */
class ConsoleTransferTest extends ConsoleBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void historyAndTransferToAnotherAgent(TestInfo info) throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(2);
    Fixtures.Agent colleague = fixtures.addAgent(2);
    String visitorToken = Http.visitorToken(node.http(), fixtures.siteKey);
    try (Participant visitor = Participant.connect(node.ws(), visitorToken, event -> { })) {
      // An earlier conversation, closed by the visitor while nobody was online.
      String earlier = visitor.client().start(fixtures.queueId, Map.of("name", "Omar Haddad")).get().conversationId();
      visitor.client().send(earlier, "Do you ship to Morocco?").get();
      visitor.client().close(earlier, null).get();

      Page page = openConsole();
      login(page, agent);
      setStatus(page, "online");
      String current = visitor.client().start(fixtures.queueId, Map.of("name", "Omar Haddad")).get().conversationId();
      visitor.client().send(current, "Hello again, about my parcel").get();
      page.locator(".conv-item", new Page.LocatorOptions().setHasText("Omar Haddad")).click();
      assertThat(page.getByRole(AriaRole.LOG)).containsText("Hello again, about my parcel");

      Locator history = page.locator(".history-item");
      assertThat(history).hasCount(1);
      history.click();
      Locator transcript = page.getByRole(AriaRole.DIALOG);
      assertThat(transcript).containsText("Do you ship to Morocco?");
      screenshot(page, info, "01-previous-transcript");
      page.keyboard().press("Escape");
      assertThat(transcript).hasCount(0);

      // Nobody else is online yet: the dialog says so, and never offers the chat's own queue.
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Transfer")).click();
      Locator empty = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Transfer conversation"));
      assertThat(empty.locator("#transfer-agent-hint"))
          .hasText("No other agent is online with free capacity: transfer to a queue instead.");
      assertThat(empty.locator("#transfer-queue option[value='" + fixtures.queueId + "']")).hasCount(0);
      assertThat(empty.locator("#transfer-queue option")).hasText("No other queue");
      page.keyboard().press("Escape");
      assertThat(empty).hasCount(0);

      try (Participant other = Participant.agent(node.http(), node.ws(), colleague)) {
        other.client().setStatus("online").get();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Transfer")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Transfer conversation"));
        Locator agentSelect = dialog.getByLabel("Agent", new Locator.GetByLabelOptions().setExact(true));
        assertThat(agentSelect.locator("option[value='" + colleague.id() + "']")).isEnabled();
        agentSelect.selectOption(colleague.id().toString());
        String note = "Wants express shipping " + UUID.randomUUID();
        dialog.getByLabel("Note (optional)").fill(note);
        screenshot(page, info, "02-transfer-dialog");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Transfer")).click();

        other.await(ServerMessage.Assigned.class, a -> a.conversationId().equals(current), WAIT);
        assertThat(page.locator(".conv-item")).hasCount(0);
        assertThat(page.locator(".toast", new Page.LocatorOptions().setHasText("was transferred"))).isVisible();
        screenshot(page, info, "03-after-transfer");
        Assertions.assertThat(visitor.events()).noneMatch(event -> event.toString().contains(note));
        String assignee = jdbi().withHandle(handle -> handle.createQuery(
                "SELECT agent_id::text FROM conversations WHERE id = CAST(? AS uuid)")
            .bind(0, current).mapTo(String.class).one());
        Assertions.assertThat(assignee).isEqualTo(colleague.id().toString());
      }
    }
  }
}
