package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.store.queue.QueueDao;
import io.switchboard.server.store.queue.QueueInfo;
import io.switchboard.server.store.user.UserDao;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Queue priority: an agent who belongs to several queues is offered the higher-priority queue's
 * visitor first, even when a lower-priority queue's visitor has waited longer; the slot that
 * frees next goes to the other queue.
 */
class QueuePriorityTest extends NodeTest {
  @Test
  void aFreedAgentServesTheHigherPriorityQueueFirstThenTheOther() throws Exception {
    Fixtures site = Fixtures.create(node.node().database().jdbi());
    String urgent = "urgent-" + UUID.randomUUID().toString().substring(0, 8);
    new QueueDao(node.node().database().jdbi())
        .create(new QueueInfo(urgent, site.siteId, "Complaints", 10));
    Fixtures.Agent account = site.addAgent(1);
    new UserDao(node.node().database().jdbi()).addToQueue(urgent, account.id());

    try (Participant older = Participant.visitor(node.http(), node.ws(), site.siteKey);
        Participant newer = Participant.visitor(node.http(), node.ws(), site.siteKey)) {
      // The support visitor (queue priority 0) waits first, the complaint (priority 10) after.
      String support = older.client().start(site.queueId, Map.of()).get().conversationId();
      // The complaint comes strictly later, to the millisecond (queue scores are in milliseconds):
      // once PostgreSQL's clock, which stamps enqueued_at, has passed the support visitor's.
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1)).until(() ->
          node.node().database().jdbi().withHandle(handle -> handle.createQuery(
                  "SELECT date_trunc('milliseconds', clock_timestamp())"
                      + " > date_trunc('milliseconds', enqueued_at) FROM conversations WHERE id = :id")
              .bind("id", UUID.fromString(support)).mapTo(Boolean.class).one()));
      String complaint = newer.client().start(urgent, Map.of()).get().conversationId();

      try (Participant agent = Participant.agent(node.http(), node.ws(), account)) {
        agent.client().setStatus("online").get();
        ServerMessage.Assigned first = agent.await(ServerMessage.Assigned.class);
        assertThat(first.conversationId()).isEqualTo(complaint);
        assertThat(first.queue()).isEqualTo(urgent);

        agent.client().accept(complaint).get();
        agent.client().close(complaint, null).get();
        ServerMessage.Assigned second = agent.await(ServerMessage.Assigned.class,
            a -> a.conversationId().equals(support), Duration.ofSeconds(10));
        assertThat(second.queue()).isEqualTo(site.queueId);
      }
    }
  }
}
