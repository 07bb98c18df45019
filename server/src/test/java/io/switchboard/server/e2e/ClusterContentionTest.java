package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.sdk.ChatClient;
import io.switchboard.sdk.ChatListener;
import io.switchboard.sdk.SwitchboardHttp;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ConversationStatus;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.TestNode;
import java.net.http.HttpClient;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Capacity under contention across a cluster: 3 nodes, 30 agents spread over them with capacities
 * 1 to 4, and 600 visitors arriving in bursts on random nodes. A checker samples every agent's
 * open chats in PostgreSQL all along; afterwards the assignment history is read. No agent is ever
 * over capacity, no conversation is assigned twice, every one is answered, and the queue drains.
 */
class ClusterContentionTest {
  private static final int NODES = 3;
  private static final int AGENTS = 30;
  private static final int VISITORS = 600;
  private static final List<TestNode> nodes = new ArrayList<>();
  private static Fixtures fixtures;
  private static Jdbi jdbi;

  @BeforeAll
  static void start() throws Exception {
    for (int i = 0; i < NODES; i++) {
      nodes.add(TestNode.start(Map.of("SWITCHBOARD_NODE_ID", "contention-" + i)));
    }
    jdbi = nodes.get(0).node().database().jdbi();
    fixtures = Fixtures.create(jdbi);
  }

  @AfterAll
  static void stop() {
    nodes.forEach(TestNode::close);
  }

  @Test
  void noAgentIsEverOverCapacityAndEveryConversationIsAnsweredOnce() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(4);
    Map<UUID, Integer> capacities = new ConcurrentHashMap<>();
    AtomicInteger overCapacity = new AtomicInteger();
    AtomicInteger samples = new AtomicInteger();
    List<ChatClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < AGENTS; i++) {
        int capacity = 1 + i % 4;
        Fixtures.Agent account = fixtures.addAgent(capacity);
        capacities.put(account.id(), capacity);
        TestNode node = nodes.get(i % NODES);
        String token = SwitchboardHttp.login(node.http(), account.email(), account.password()).token();
        ChatClient[] self = new ChatClient[1];
        self[0] = ChatClient.builder(node.ws()).token(token).httpClient(http)
            .listener(new ChatListener() {
              @Override
              public void onEvent(ServerMessage event) {
                if (event instanceof ServerMessage.Assigned assigned) {
                  String id = assigned.conversationId();
                  self[0].accept(id).thenCompose(ok -> self[0].send(id, "Hello, how can I help?"))
                      .thenRun(() -> timer.schedule(() -> self[0].close(id, "resolved"),
                          ThreadLocalRandom.current().nextInt(20, 120), TimeUnit.MILLISECONDS));
                }
              }
            }).build();
        self[0].connect().get(30, TimeUnit.SECONDS);
        clients.add(self[0]);
      }
      timer.scheduleAtFixedRate(() -> {
        Map<UUID, Integer> open = jdbi.withHandle(handle -> handle.createQuery("""
                SELECT agent_id, count(*) AS n FROM conversations
                WHERE status = 'assigned' AND queue_id = :queue GROUP BY agent_id""")
            .bind("queue", fixtures.queueId)
            .reduceRows(new java.util.HashMap<UUID, Integer>(), (map, row) -> {
              map.put(row.getColumn("agent_id", UUID.class), row.getColumn("n", Integer.class));
              return map;
            }));
        open.forEach((agent, n) -> {
          if (n > capacities.getOrDefault(agent, 0)) {
            overCapacity.incrementAndGet();
          }
        });
        samples.incrementAndGet();
      }, 0, 25, TimeUnit.MILLISECONDS);
      for (ChatClient agent : clients) {
        agent.setStatus("online").get();
      }

      // 600 visitors in bursts of 100, each on a random node.
      List<String> conversationIds = new ArrayList<>();
      for (int burst = 0; burst < VISITORS / 100; burst++) {
        List<CompletableFuture<ServerMessage.Started>> starts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          TestNode node = nodes.get(ThreadLocalRandom.current().nextInt(NODES));
          String token = SwitchboardHttp.requestVisitorToken(node.http(), fixtures.siteKey, null)
              .visitorToken();
          ChatClient visitor = ChatClient.builder(node.ws()).token(token).httpClient(http).build();
          clients.add(visitor);
          starts.add(visitor.connect().thenCompose(welcome -> visitor.start(fixtures.queueId, Map.of())));
        }
        for (var start : starts) {
          conversationIds.add(start.get(60, TimeUnit.SECONDS).conversationId());
        }
      }

      ConversationDao conversations = new ConversationDao(jdbi);
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
          jdbi.withHandle(handle -> handle.createQuery(
                  "SELECT count(*) FROM conversations WHERE queue_id = :queue AND status <> 'closed'")
              .bind("queue", fixtures.queueId).mapTo(Integer.class).one()) == 0);

      assertThat(samples.get()).isGreaterThan(20);
      assertThat(overCapacity.get()).as("samples with an agent over capacity").isZero();
      Map<String, Integer> assignments = jdbi.withHandle(handle -> handle.createQuery("""
              SELECT e.conversation_id::text AS id, count(*) AS n FROM conversation_events e
              JOIN conversations c ON c.id = e.conversation_id
              WHERE c.queue_id = :queue AND e.kind = 'assigned' GROUP BY e.conversation_id""")
          .bind("queue", fixtures.queueId)
          .reduceRows(new java.util.HashMap<String, Integer>(), (map, row) -> {
            map.put(row.getColumn("id", String.class), row.getColumn("n", Integer.class));
            return map;
          }));
      assertThat(assignments).hasSize(VISITORS);
      assertThat(assignments.values()).allMatch(n -> n == 1);
      int answered = jdbi.withHandle(handle -> handle.createQuery("""
              SELECT count(*) FROM conversations WHERE queue_id = :queue
              AND first_agent_response_at IS NOT NULL AND status = 'closed'""")
          .bind("queue", fixtures.queueId).mapTo(Integer.class).one());
      assertThat(answered).isEqualTo(VISITORS);
      assertThat(conversations.queued().stream().filter(c -> c.queueId().equals(fixtures.queueId)))
          .isEmpty();
      assertThat(conversationIds).hasSize(VISITORS).doesNotHaveDuplicates();
      assertThat(conversationIds.stream().map(id -> conversations.find(UUID.fromString(id))
          .orElseThrow().status())).containsOnly(ConversationStatus.CLOSED);
    } finally {
      timer.shutdownNow();
      clients.forEach(ChatClient::close);
    }
  }
}
