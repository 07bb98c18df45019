package io.switchboard.server.ticket;

import static io.switchboard.server.testing.Tickets.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.Tickets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ticket work counts against an agent's chat capacity unless the team says so: with one ticket
 * per chat slot, an agent of capacity 1 who holds an open ticket is offered no chat; when the
 * ticket waits on the customer the slot is free and the waiting chat comes at once.
 */
class TicketLoadTest extends NodeTest {

  @Test
  void anOpenTicketTakesAChatSlotAndAPendingOneGivesItBack() throws Exception {
    Fixtures team = Fixtures.create(node.node().database().jdbi());
    String admin = Http.agentToken(node.http(), team.addUser(Role.ADMIN, 1));
    expect(200, Http.call("PUT", node.http(), "/v1/admin/teams/" + team.teamId, admin,
        "{\"ticketsPerChatSlot\":1}"));
    Fixtures.Agent account = team.addAgent(1);
    String token = Http.agentToken(node.http(), account);
    String ticket = Tickets.open(node.http(), token, team.queueId, "Busy work").get("id")
        .asText();
    expect(200, Tickets.call(node.http(), token, "POST", ticket, "/take", null));

    try (Participant agent = Participant.agent(node.http(), node.ws(), account);
        Participant visitor = Participant.visitor(node.http(), node.ws(), team.siteKey)) {
      agent.client().setStatus("online").get();
      String chat = visitor.client().start(team.queueId, Map.of()).get().conversationId();
      long seen = node.node().reconcilerCycles().finished();
      await().atMost(Duration.ofSeconds(15))
          .until(() -> node.node().reconcilerCycles().finished() >= seen + 2);
      assertThat(agent.events()).noneMatch(ServerMessage.Assigned.class::isInstance);

      expect(200, Tickets.status(node.http(), token, ticket, "pending"));
      ServerMessage.Assigned assigned = agent.await(ServerMessage.Assigned.class);
      assertThat(assigned.conversationId()).isEqualTo(chat);
      agent.client().setStatus("offline").get();
    }
  }
}
