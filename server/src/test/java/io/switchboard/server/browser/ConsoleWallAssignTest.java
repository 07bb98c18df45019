package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The wall's waiting list: a supervisor opens "Assign…" on a waiting conversation from the
 * keyboard, is refused with the server's reason for an agent without the queue's skill, then
 * assigns it to an agent who has it, who receives the offer; another visitor is moved to a
 * second queue. The queue is paused, so every assignment here is the supervisor's.
 */
class ConsoleWallAssignTest extends ConsoleBrowserTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void supervisorAssignsAWaitingConversationFromTheWall(TestInfo info) throws Exception {
    Fixtures site = Fixtures.create(jdbi());
    Fixtures.Agent supervisor = site.addUser(Role.SUPERVISOR, 1);
    Fixtures.Agent skilled = site.addAgent(1);
    Fixtures.Agent unskilled = site.addAgent(3);
    String admin = Http.agentToken(node.http(), site.addUser(Role.ADMIN, 1));
    String supervisorToken = Http.agentToken(node.http(), supervisor);
    call("PUT", "/v1/admin/queues/" + site.queueId + "/skills", admin, "{\"skills\":[\"billing\"]}");
    call("PUT", "/v1/admin/agents/" + skilled.id(), admin, "{\"skills\":[\"billing\"]}");
    String otherQueue = "later-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Http.call("POST", node.http(), "/v1/admin/queues", admin, "{\"id\":\"" + otherQueue
        + "\",\"siteId\":\"" + site.siteId + "\",\"name\":\"Call back later\",\"teamId\":\""
        + site.teamId + "\"}").status()).isEqualTo(201);

    try (Participant ada = Participant.visitor(node.http(), node.ws(), site.siteKey);
        Participant bo = Participant.visitor(node.http(), node.ws(), site.siteKey);
        Participant agent = Participant.agent(node.http(), node.ws(), skilled);
        Participant other = Participant.agent(node.http(), node.ws(), unskilled)) {
      String adaId = ada.client().start(site.queueId, Map.of("name", "Ada"), "zh-CN").get().conversationId();
      String boId = bo.client().start(site.queueId, Map.of("name", "Bo")).get().conversationId();
      call("POST", "/v1/queues/" + site.queueId + "/pause", supervisorToken, null);
      agent.client().setStatus("online").get();
      other.client().setStatus("online").get();

      Page page = openConsole();
      login(page, supervisor);
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Live wall")).click();
      Locator adaRow = page.locator("#wall-waiting-table tr[data-conversation='" + adaId + "']");
      Locator boRow = page.locator("#wall-waiting-table tr[data-conversation='" + boId + "']");
      assertThat(adaRow).containsText("Ada");
      assertThat(adaRow.locator("[data-field=language]")).hasText("zh-CN");
      assertThat(boRow.locator("[data-field=queue]")).hasText("Support");
      screenshot(page, info, "01-waiting");

      // From the keyboard: the button has a name saying whose conversation it assigns.
      Locator assignAda = page.getByRole(AriaRole.BUTTON,
          new Page.GetByRoleOptions().setName("Assign the conversation of Ada"));
      assignAda.focus();
      page.keyboard().press("Enter");
      Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Assign Ada"));
      assertThat(dialog).isVisible();
      Locator agentSelect = dialog.getByLabel("Agent", new Locator.GetByLabelOptions().setExact(true));
      assertThat(agentSelect).isFocused();
      assertThat(agentSelect.locator("optgroup[label='Can take it now'] option[value='" + skilled.id() + "']"))
          .hasCount(1);

      // Refused: the agent lacks the queue's skill. The reason shows and the dialog stays open.
      agentSelect.selectOption(unskilled.id().toString());
      dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Assign").setExact(true)).click();
      Locator reason = dialog.getByRole(AriaRole.ALERT);
      assertThat(reason).containsText("Not assigned:");
      assertThat(reason).containsText("billing");
      assertThat(agentSelect).isFocused();
      screenshot(page, info, "02-refused");
      assertThat(other.events()).noneMatch(ServerMessage.Assigned.class::isInstance);

      // Assigned to the agent with the skill, who receives the offer; the row leaves the wall.
      agentSelect.selectOption(skilled.id().toString());
      dialog.getByLabel("Note for staff (optional)").fill("Billing dispute, VIP");
      dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Assign").setExact(true)).press("Enter");
      assertThat(dialog).hasCount(0);
      ServerMessage.Assigned offer = agent.await(ServerMessage.Assigned.class,
          a -> a.conversationId().equals(adaId), WAIT);
      assertThat(offer.visitor().name()).isEqualTo("Ada");
      assertThat(adaRow).hasCount(0);
      assertThat(page.locator("#toasts")).containsText("Ada is now offered to " + skilled.name());
      assertThat(page.getByRole(AriaRole.BUTTON,
          new Page.GetByRoleOptions().setName("Assign the conversation of Bo"))).isFocused();
      agent.client().accept(adaId).get();
      ada.await(ServerMessage.AgentJoined.class, j -> j.conversationId().equals(adaId), WAIT);
      screenshot(page, info, "03-assigned");

      // Escape closes the dialog without a change; then Bo moves to the other queue.
      page.keyboard().press("Enter");
      Locator boDialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Assign Bo"));
      assertThat(boDialog).isVisible();
      page.keyboard().press("Escape");
      assertThat(boDialog).hasCount(0);
      assertThat(boRow.locator("[data-field=queue]")).hasText("Support");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Assign the conversation of Bo")).click();
      boDialog.getByLabel("Another queue").check();
      boDialog.getByLabel("Queue", new Locator.GetByLabelOptions().setExact(true)).selectOption(otherQueue);
      boDialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Assign").setExact(true)).click();
      assertThat(boDialog).hasCount(0);
      assertThat(boRow.locator("[data-field=queue]")).hasText("Call back later");
      bo.await(ServerMessage.Transferred.class, t -> otherQueue.equals(t.toQueue()), WAIT);
      screenshot(page, info, "04-moved");
    }
  }

  private static void call(String method, String path, String token, String body) throws Exception {
    Http.Reply reply = Http.call(method, node.http(), path, token, body);
    assertThat(reply.status()).as("%s %s: %s", method, path, reply.body()).isEqualTo(200);
  }
}
