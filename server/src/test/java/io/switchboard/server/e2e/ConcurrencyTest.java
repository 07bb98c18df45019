package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ConversationEvent;
import io.switchboard.server.store.conversation.ConversationStatus;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * 50 visitors arrive at once for 5 agents with capacity 3. A checker samples every agent's open
 * chats in PostgreSQL throughout: nobody ever holds more than 3. Every conversation is assigned
 * exactly once (by its event history), and the queue drains as agents close chats.
 */
class ConcurrencyTest extends NodeTest {
  private static final int VISITORS = 50;
  private static final int AGENTS = 5;
  private static final int CAPACITY = 3;



  private final Jdbi jdbi = node.node().database().jdbi();

  @Test
  void noAgentOverCapacityEveryConversationAssignedOnceAndTheQueueDrains() throws Exception {
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    AtomicInteger maxSeen = new AtomicInteger();
    AtomicInteger samples = new AtomicInteger();
    timer.scheduleAtFixedRate(() -> {
      int max = jdbi.withHandle(handle -> handle.createQuery("""
              SELECT coalesce(max(n), 0) FROM (
                SELECT count(*) AS n FROM conversations
                WHERE status = 'assigned' AND queue_id = :queue GROUP BY agent_id) per_agent""")
          .bind("queue", fixtures.queueId).mapTo(Integer.class).one());
      maxSeen.accumulateAndGet(max, Math::max);
      samples.incrementAndGet();
    }, 0, 20, TimeUnit.MILLISECONDS);

    List<Participant> agents = new ArrayList<>();
    Map<String, String> handledBy = new ConcurrentHashMap<>();
    List<Participant> visitors = new ArrayList<>();
    try {
      for (int i = 0; i < AGENTS; i++) {
        Fixtures.Agent account = fixtures.addAgent(CAPACITY);
        Participant[] self = new Participant[1];
        self[0] = Participant.agent(node.http(), node.ws(), account, event -> {
          if (event instanceof ServerMessage.Assigned assigned) {
            String id = assigned.conversationId();
            handledBy.merge(id, account.id().toString(), (a, b) -> a + "," + b);
            // Accept, answer, and close a little later: capacity frees up as chats end.
            timer.schedule(() -> self[0].client().accept(id)
                    .thenCompose(ok -> self[0].client().send(id, "how can I help?"))
                    .thenRun(() -> timer.schedule(() -> self[0].client().close(id, "resolved"),
                        ThreadLocalRandom.current().nextInt(50, 250), TimeUnit.MILLISECONDS)),
                0, TimeUnit.MILLISECONDS);
          }
        });
        agents.add(self[0]);
      }
      List<CompletableFuture<ServerMessage.Started>> starts = new ArrayList<>();
      for (int i = 0; i < VISITORS; i++) {
        Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        visitors.add(visitor);
      }
      for (Participant visitor : visitors) {
        starts.add(visitor.client().start(fixtures.queueId, Map.of()));
      }
      List<String> conversationIds = new ArrayList<>();
      for (var start : starts) {
        conversationIds.add(start.get(30, TimeUnit.SECONDS).conversationId());
      }
      for (Participant agent : agents) {
        agent.client().setStatus("online").get();
      }

      ConversationDao conversations = new ConversationDao(jdbi);
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
          conversationIds.stream().allMatch(id -> conversations.find(UUID.fromString(id))
              .orElseThrow().status() == ConversationStatus.CLOSED));

      assertThat(samples.get()).isGreaterThan(10);
      assertThat(maxSeen.get()).as("most open chats any agent held at once").isLessThanOrEqualTo(CAPACITY);
      assertThat(maxSeen.get()).as("the agents were really loaded").isEqualTo(CAPACITY);
      for (String id : conversationIds) {
        List<ConversationEvent> history = conversations.events(UUID.fromString(id));
        assertThat(history.stream().filter(e -> e.kind().equals("assigned")).count())
            .as("assignments of %s", id).isEqualTo(1);
        assertThat(handledBy.get(id)).as("agents told about %s", id).doesNotContain(",");
      }
      assertThat(conversations.queued().stream().filter(c -> c.queueId().equals(fixtures.queueId)))
          .isEmpty();
      assertThat(conversations.assignedCounts()).doesNotContainKeys(
          fixtures.agents.stream().map(Fixtures.Agent::id).toArray(UUID[]::new));
      // Every visitor was told an agent joined, and the conversation closed.
      for (Participant visitor : visitors) {
        visitor.await(ServerMessage.AgentJoined.class);
        visitor.await(ServerMessage.Closed.class);
      }
    } finally {
      timer.shutdownNow();
      visitors.forEach(Participant::close);
      agents.forEach(Participant::close);
    }
  }
}
