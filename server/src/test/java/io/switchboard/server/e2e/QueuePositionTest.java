package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Queue positions: each arriving visitor is told their own place at once; visitors already waiting
 * are not told again just because someone joined behind them (that made every arrival cost one
 * event per waiting visitor); when the visitor ahead is assigned, everyone behind moves up and is
 * told.
 */
class QueuePositionTest extends NodeTest {
  private static final int BEHIND = 20;

  @Test
  void arrivalsAreToldTheirPlaceWithoutRetellingEveryoneAndAnAssignmentMovesEveryoneUp()
      throws Exception {
    Fixtures site = Fixtures.create(node.node().database().jdbi());
    Fixtures.Agent account = site.addAgent(1);
    List<Participant> visitors = new ArrayList<>();
    try {
      Participant first = Participant.visitor(node.http(), node.ws(), site.siteKey);
      visitors.add(first);
      String firstId = first.client().start(site.queueId, Map.of()).get().conversationId();
      first.await(ServerMessage.QueuePosition.class, q -> q.position() == 1, Duration.ofSeconds(10));

      Participant last = null;
      for (int i = 0; i < BEHIND; i++) {
        last = Participant.visitor(node.http(), node.ws(), site.siteKey);
        visitors.add(last);
        last.client().start(site.queueId, Map.of()).get();
      }
      last.await(ServerMessage.QueuePosition.class, q -> q.position() == BEHIND + 1,
          Duration.ofSeconds(10));
      long toldFirst = first.events().stream()
          .filter(ServerMessage.QueuePosition.class::isInstance).count();
      // Its own arrival, plus at most a periodic refresh of the estimates every 5 s; before, each
      // of the 20 arrivals behind it sent it one more.
      assertThat(toldFirst).isLessThan(BEHIND / 2);

      try (Participant agent = Participant.agent(node.http(), node.ws(), account)) {
        agent.client().setStatus("online").get();
        assertThat(agent.await(ServerMessage.Assigned.class).conversationId()).isEqualTo(firstId);
        visitors.get(1).await(ServerMessage.QueuePosition.class, q -> q.position() == 1,
            Duration.ofSeconds(10));
        last.await(ServerMessage.QueuePosition.class, q -> q.position() == BEHIND,
            Duration.ofSeconds(10));
        agent.client().setStatus("offline").get();
      }
    } finally {
      visitors.forEach(Participant::close);
    }
  }
}
