package io.switchboard.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.RedisPresenceStore;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.store.conversation.QueuedEntry;
import io.switchboard.server.testing.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisRoutingEpochTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private static RedisConnections connections;
  private static RedisClusterCommands<String, String> redis;
  private static RedisRoutingStore routing;

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
  void missingEpochIsCreatedOnceAndAChangeIsVisible() {
    redis.del(RedisKeys.EPOCH);

    String created = epoch();
    assertThat(created).isNotBlank();
    assertThat(redis.get(RedisKeys.EPOCH)).isEqualTo(created);
    assertThat(epoch()).isEqualTo(created);

    redis.del(RedisKeys.EPOCH);
    assertThat(epoch()).isNotEqualTo(created);
  }

  @Test
  void rebuildRestoresWaitingOrderAndLoads() {
    String sales = "q-" + UUID.randomUUID();
    String support = "q-" + UUID.randomUUID();
    UUID lowOld = UUID.randomUUID();
    UUID highNew = UUID.randomUUID();
    UUID lowNew = UUID.randomUUID();
    UUID elsewhere = UUID.randomUUID();
    List<QueuedEntry> queued = List.of(
        new QueuedEntry(sales, lowNew, 0, T0.plusSeconds(30)),
        new QueuedEntry(sales, highNew, 7, T0.plusSeconds(60)),
        new QueuedEntry(sales, lowOld, 0, T0),
        new QueuedEntry(support, elsewhere, 0, T0));

    UUID present = UUID.randomUUID();
    new RedisPresenceStore(connections, Duration.ofSeconds(10))
        .setStatus(present, AgentStatus.ONLINE, 3, List.of(sales, support), "node-a")
        .toCompletableFuture().join();
    UUID absent = UUID.randomUUID();

    routing.rebuild(queued, Map.of(present, 2, absent, 1)).toCompletableFuture().join();

    assertThat(redis.zrange(RedisKeys.waiting(sales), 0, -1))
        .containsExactly(highNew.toString(), lowOld.toString(), lowNew.toString());
    assertThat(redis.zrange(RedisKeys.waiting(support), 0, -1)).containsExactly(elsewhere.toString());
    assertThat(routing.load(present).toCompletableFuture().join()).isEqualTo(2);
    assertThat(redis.zscore(RedisKeys.AGENTS_BY_LOAD, present.toString())).isEqualTo(2.0);
    // An agent Redis did not know gets its load, so setting its status later keeps it; it is not
    // listed among the present agents.
    assertThat(routing.load(absent).toCompletableFuture().join()).isEqualTo(1);
    assertThat(redis.zscore(RedisKeys.AGENTS_BY_LOAD, absent.toString())).isNull();

    // Rebuilding twice changes nothing.
    routing.rebuild(queued, Map.of(present, 2)).toCompletableFuture().join();
    assertThat(routing.waitingCount(sales).toCompletableFuture().join()).isEqualTo(3);
    assertThat(routing.load(present).toCompletableFuture().join()).isEqualTo(2);
  }

  @Test
  void rebuildHandlesMoreEntriesThanOneBatch() {
    String queue = "q-" + UUID.randomUUID();
    List<QueuedEntry> queued = new ArrayList<>();
    for (int i = 0; i < RedisRoutingStore.REBUILD_BATCH * 2 + 7; i++) {
      queued.add(new QueuedEntry(queue, UUID.randomUUID(), 0, T0.plusMillis(i)));
    }

    routing.rebuild(queued, Map.of()).toCompletableFuture().join();

    List<String> order = redis.zrange(RedisKeys.waiting(queue), 0, -1);
    assertThat(order).hasSize(queued.size());
    assertThat(order).containsExactlyElementsOf(
        queued.stream().map(entry -> entry.conversationId().toString()).toList());
  }

  private static String epoch() {
    return routing.currentEpoch().toCompletableFuture().join();
  }
}
