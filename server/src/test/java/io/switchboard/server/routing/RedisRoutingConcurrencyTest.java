package io.switchboard.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.RedisPresenceStore;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.store.rules.SkillProfile;
import io.switchboard.server.testing.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many callers assign and release at once; the script must never overbook or double-assign. */
class RedisRoutingConcurrencyTest {
  private static final int AGENTS = 5;
  private static final int CAPACITY = 3;
  private static final int CONVERSATIONS = 50;
  private static final int THREADS = 8;
  private static final int RELEASES = 20;

  private static RedisConnections connections;
  private static RedisClusterCommands<String, String> redis;
  private static RedisRoutingStore routing;

  private final String queue = "q-" + UUID.randomUUID();
  private final Set<UUID> assigned = ConcurrentHashMap.newKeySet();
  private final Map<UUID, AtomicInteger> heldByAgent = new ConcurrentHashMap<>();
  private final Queue<Assignment> holdings = new ConcurrentLinkedQueue<>();
  private final AtomicInteger total = new AtomicInteger();

  @BeforeAll
  static void connect() {
    connections = new RedisConnections(TestServices.redisUrl());
    redis = connections.sync();
    routing = new RedisRoutingStore(connections);
  }

  @AfterAll
  static void close() {
    connections.close();
  }

  @Test
  void concurrentAssignAndReleaseNeverOverbookOrDoubleAssign() throws Exception {
    RedisPresenceStore presence = new RedisPresenceStore(connections, Duration.ofSeconds(30));
    routing.setRules(queue, SkillProfile.NONE, true).toCompletableFuture().join();
    for (int i = 0; i < AGENTS; i++) {
      UUID agent = UUID.randomUUID();
      heldByAgent.put(agent, new AtomicInteger());
      presence.setStatus(agent, AgentStatus.ONLINE, CAPACITY, List.of(queue), "node-a")
          .toCompletableFuture().join();
    }
    Instant start = Instant.parse("2025-03-01T10:00:00Z");
    for (int i = 0; i < CONVERSATIONS; i++) {
      routing.enqueue(queue, UUID.randomUUID(), i % 3, start.plusMillis(i)).toCompletableFuture().join();
    }

    runConcurrently(() -> {
      for (int call = 0; call < 10; call++) {
        assignAndCheck(1 + ThreadLocalRandom.current().nextInt(3));
      }
    });
    assertThat(total).hasValue(AGENTS * CAPACITY);
    assertThat(routing.waitingCount(queue).toCompletableFuture().join())
        .isEqualTo(CONVERSATIONS - AGENTS * CAPACITY);

    AtomicInteger releasesLeft = new AtomicInteger(RELEASES);
    runConcurrently(() -> {
      while (releasesLeft.getAndDecrement() > 0) {
        Assignment done = holdings.poll();
        assertThat(done).isNotNull();
        // Count the release before it happens, so the test's count never undercounts Redis.
        heldByAgent.get(done.agentId()).decrementAndGet();
        routing.release(done.agentId()).toCompletableFuture().join();
        assignAndCheck(2);
      }
    });
    // Capacity freed by the last releases may still be unused; take it up.
    drain();

    assertThat(total).hasValue(AGENTS * CAPACITY + RELEASES);
    assertThat(assigned).hasSize(AGENTS * CAPACITY + RELEASES);
    assertThat(routing.waitingCount(queue).toCompletableFuture().join())
        .isEqualTo(CONVERSATIONS - AGENTS * CAPACITY - RELEASES);
    for (var entry : heldByAgent.entrySet()) {
      assertThat(entry.getValue()).hasValue(CAPACITY);
      assertThat(routing.load(entry.getKey()).toCompletableFuture().join()).isEqualTo(CAPACITY);
      assertThat(redis.zscore(RedisKeys.AGENTS_BY_LOAD, entry.getKey().toString()))
          .isEqualTo((double) CAPACITY);
    }
  }

  private void drain() {
    List<Assignment> more;
    do {
      more = routing.assign(queue, 5).toCompletableFuture().join();
      more.forEach(this::record);
    } while (!more.isEmpty());
  }

  private void assignAndCheck(int max) {
    List<Assignment> assignments = routing.assign(queue, max).toCompletableFuture().join();
    assertThat(assignments).hasSizeLessThanOrEqualTo(max);
    for (Assignment assignment : assignments) {
      record(assignment);
      String load = redis.hget(RedisKeys.AGENT_LOAD, assignment.agentId().toString());
      assertThat(Integer.parseInt(load)).isBetween(1, CAPACITY);
    }
  }

  private void record(Assignment assignment) {
    assertThat(assigned.add(assignment.conversationId()))
        .as("conversation %s handed out twice", assignment.conversationId())
        .isTrue();
    assertThat(heldByAgent.get(assignment.agentId()).incrementAndGet()).isLessThanOrEqualTo(CAPACITY);
    holdings.add(assignment);
    total.incrementAndGet();
  }

  private static void runConcurrently(Runnable task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        futures.add(pool.submit(() -> {
          go.await();
          task.run();
          return null;
        }));
      }
      go.countDown();
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
