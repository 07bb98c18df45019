package io.switchboard.server.fault;

import static io.switchboard.server.testing.Tickets.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Role;
import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeProcess;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestServices;
import io.switchboard.server.testing.Tickets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * SLA at-risk and breach events fire exactly once across three real nodes, even when the node
 * that claimed due clocks is killed with SIGKILL between claiming and firing. Node A runs alone
 * at first and holds its claim open (the fault-test window {@code SWITCHBOARD_SLA_FAULT_HOLD_MS});
 * nodes B and C start, skip the clocks A holds and fire the rest; A is killed; B and C race for
 * the clocks A held. Every event is recorded once, by B or C, and each breach raised the priority
 * once. A supervisor connected to B hears no alert twice.
 */
class SlaEscalationFaultTest {
  private static final int TICKETS = 12;
  private static final Pattern HOLDING = Pattern.compile("holding (\\d+) claimed SLA clocks");

  @Test
  void eachEventFiresOnceWhenTheClaimingNodeIsKilledAndTwoNodesRace() throws Exception {
    try (NodeProcess a = node("sla-a", "60000");
        Database database = Database.open(DatabaseSettings.defaults(TestServices.jdbcUrl()))) {
      Jdbi jdbi = database.jdbi();
      Fixtures fixtures = Fixtures.create(jdbi);
      Fixtures.Agent supervisor = fixtures.addUser(Role.SUPERVISOR, 2);
      String admin = Http.agentToken(a.http(), fixtures.addUser(Role.ADMIN, 2));
      // Twelve seconds to a breach, at risk at half.
      expect(201, Http.call("POST", a.http(), "/v1/admin/sla-policies", admin,
          "{\"name\":\"Fault test " + fixtures.queueId + "\",\"position\":1,"
              + "\"conditions\":{\"queues\":[\"" + fixtures.queueId + "\"]},"
              + "\"targets\":{\"first_response\":{\"normal\":12,\"high\":12,\"urgent\":12}},"
              + "\"warnPercent\":50,\"actions\":{\"notify\":true,\"raisePriority\":true}}"));
      String agent = Http.agentToken(a.http(), fixtures.addAgent(2));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < TICKETS; i++) {
        ids.add(Tickets.open(a.http(), agent, fixtures.queueId, "Fault " + i).get("id").asText());
      }

      // A claims the first clocks that come due and holds them.
      int held = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(() -> heldByA(a), count -> count > 0);
      CompletableFuture<NodeProcess> startingC = CompletableFuture.supplyAsync(() ->
          node("sla-c", "0"));
      try (NodeProcess b = node("sla-b", "0"); NodeProcess c = startingC.join();
          Participant watching = Participant.agent(b.http(), b.ws(), supervisor)) {
        // B and C fire what A does not hold, and nothing A holds.
        await().atMost(Duration.ofSeconds(30)).until(() -> events(jdbi, ids) > 0);
        Thread.sleep(2000);
        assertThat(quietTickets(jdbi, ids)).as("tickets A holds fire nothing")
            .isGreaterThanOrEqualTo(held);
        a.kill();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .until(() -> events(jdbi, ids) == 2 * TICKETS);
        Thread.sleep(2000);
        List<Map<String, Object>> fired = jdbi.withHandle(handle -> handle.createQuery("""
                SELECT ticket_id::text AS ticket, kind, node_id, count(*) AS n FROM sla_events
                WHERE ticket_id::text = ANY(:ids) GROUP BY ticket_id, kind, node_id""")
            .bindArray("ids", String.class, ids.toArray()).mapToMap().list());
        assertThat(fired).hasSize(2 * TICKETS);
        assertThat(fired).allSatisfy(row -> {
          assertThat(row.get("n")).isEqualTo(1L);
          assertThat(row.get("node_id")).isIn("sla-b", "sla-c");
        });
        List<String> priorities = jdbi.withHandle(handle -> handle.createQuery(
                "SELECT priority FROM tickets WHERE id::text = ANY(:ids)")
            .bindArray("ids", String.class, ids.toArray()).mapTo(String.class).list());
        assertThat(priorities).as("each breach raised the priority once")
            .hasSize(TICKETS).containsOnly("high");
        int raises = jdbi.withHandle(handle -> handle.createQuery("""
                SELECT count(*) FROM ticket_events
                WHERE ticket_id::text = ANY(:ids) AND kind = 'priority'""")
            .bindArray("ids", String.class, ids.toArray()).mapTo(Integer.class).one());
        assertThat(raises).isEqualTo(TICKETS);

        List<String> heard = watching.events().stream()
            .filter(ServerMessage.SlaAlert.class::isInstance)
            .map(ServerMessage.SlaAlert.class::cast).filter(alert -> ids.contains(alert.ticketId()))
            .map(alert -> alert.ticketId() + "/" + alert.metric() + "/" + alert.kind()).toList();
        assertThat(heard).as("no alert twice").doesNotHaveDuplicates();
        assertThat(heard.size()).as("the alerts of the clocks A held, after the kill")
            .isGreaterThanOrEqualTo(2 * held);
      }
    }
  }

  /** How many clocks A says it holds (0 until it claimed some). */
  private static int heldByA(NodeProcess a) throws java.io.IOException {
    for (String line : a.logLines()) {
      Matcher matcher = HOLDING.matcher(line);
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1));
      }
    }
    return 0;
  }

  private static int events(Jdbi jdbi, List<String> ids) {
    return jdbi.withHandle(handle -> handle.createQuery(
            "SELECT count(*) FROM sla_events WHERE ticket_id::text = ANY(:ids)")
        .bindArray("ids", String.class, ids.toArray()).mapTo(Integer.class).one());
  }

  /** Tickets with no event at all yet. */
  private static int quietTickets(Jdbi jdbi, List<String> ids) {
    return jdbi.withHandle(handle -> handle.createQuery("""
            SELECT count(*) FROM tickets t WHERE t.id::text = ANY(:ids)
              AND NOT EXISTS (SELECT 1 FROM sla_events e WHERE e.ticket_id = t.id)""")
        .bindArray("ids", String.class, ids.toArray()).mapTo(Integer.class).one());
  }

  private static NodeProcess node(String id, String holdMillis) {
    try {
      return NodeProcess.start(NodeProcess.freePort(), Map.of("SWITCHBOARD_NODE_ID", id,
          "SWITCHBOARD_SLA_SCHEDULER_MS", "100", "SWITCHBOARD_SLA_FAULT_HOLD_MS", holdMillis));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
