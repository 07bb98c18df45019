package io.switchboard.server.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.testing.TestServices;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisPresenceStoreTest {
  private static final Duration SHORT_TTL = Duration.ofMillis(300);

  private static RedisConnections connections;
  private static RedisClusterCommands<String, String> redis;
  private static RedisPresenceStore presence;

  private final UUID agent = UUID.randomUUID();
  private final String sales = "sales-" + UUID.randomUUID();
  private final String support = "support-" + UUID.randomUUID();

  @BeforeAll
  static void connect() {
    connections = new RedisConnections(TestServices.redisUrl());
    redis = connections.sync();
    presence = new RedisPresenceStore(connections, SHORT_TTL);
  }

  @AfterAll
  static void close() {
    connections.close();
  }

  @Test
  void onlineWritesStatusProfilePresenceAndListing() {
    long before = redisMillis();
    int load = set(AgentStatus.ONLINE, 3, List.of(sales, support));

    assertThat(load).isZero();
    assertThat(status()).isEqualTo(AgentStatus.ONLINE);
    assertThat(redis.hget(RedisKeys.AGENT_STATUS, id())).isEqualTo("online");
    assertThat(redis.hget(RedisKeys.AGENT_PROFILE, id()))
        .isEqualTo("3|||" + sales + "," + support + "|node-a");
    assertThat(redis.hget(RedisKeys.AGENT_LOAD, id())).isEqualTo("0");
    assertThat(redis.zscore(RedisKeys.AGENT_PRESENCE, id()))
        .isBetween((double) before, (double) redisMillis() + SHORT_TTL.toMillis());
    assertThat(redis.zscore(RedisKeys.AGENTS_BY_LOAD, id())).isEqualTo(0.0);
  }

  @Test
  void existingLoadIsKept() {
    redis.hset(RedisKeys.AGENT_LOAD, id(), "2");

    assertThat(set(AgentStatus.ONLINE, 3, List.of(sales))).isEqualTo(2);
    assertThat(redis.hget(RedisKeys.AGENT_LOAD, id())).isEqualTo("2");
    assertThat(redis.zscore(RedisKeys.AGENTS_BY_LOAD, id())).isEqualTo(2.0);
  }

  @Test
  void awayAgentStaysInItsQueues() {
    set(AgentStatus.ONLINE, 3, List.of(sales));
    set(AgentStatus.AWAY, 3, List.of(sales));

    assertThat(status()).isEqualTo(AgentStatus.AWAY);
    assertThat(redis.hget(RedisKeys.AGENT_STATUS, id())).isEqualTo("away");
    assertThat(redis.zscore(RedisKeys.AGENT_PRESENCE, id())).isNotNull();
    assertThat(redis.zscore(RedisKeys.AGENTS_BY_LOAD, id())).isNotNull();
  }

  @Test
  void offlineRemovesPresenceAndMemberships() {
    set(AgentStatus.ONLINE, 3, List.of(sales, support));
    set(AgentStatus.OFFLINE, 3, List.of(sales, support));

    assertThat(status()).isEqualTo(AgentStatus.OFFLINE);
    assertThat(redis.hget(RedisKeys.AGENT_STATUS, id())).isEqualTo("offline");
    assertThat(redis.zscore(RedisKeys.AGENT_PRESENCE, id())).isNull();
    assertThat(redis.zscore(RedisKeys.AGENTS_BY_LOAD, id())).isNull();
  }

  @Test
  void leavingAQueueRemovesTheMembership() {
    set(AgentStatus.ONLINE, 3, List.of(sales, support));
    set(AgentStatus.ONLINE, 3, List.of(support));

    // The profile is the membership: the assignment script offers only its queues.
    assertThat(redis.hget(RedisKeys.AGENT_PROFILE, id())).isEqualTo("3|||" + support + "|node-a");
  }

  @Test
  void heartbeatKeepsPresenceAlive() throws Exception {
    set(AgentStatus.ONLINE, 3, List.of(sales));
    for (int i = 0; i < 4; i++) {
      Thread.sleep(150);
      assertThat(presence.heartbeat(agent, "node-a").toCompletableFuture().join()).isTrue();
    }
    assertThat(status()).isEqualTo(AgentStatus.ONLINE);
  }

  @Test
  void presenceExpiresWithoutHeartbeat() {
    set(AgentStatus.ONLINE, 3, List.of(sales));

    await().atMost(Duration.ofSeconds(3)).until(() -> status() == AgentStatus.OFFLINE);
    // The status still says online; presence that ran out wins.
    assertThat(redis.hget(RedisKeys.AGENT_STATUS, id())).isEqualTo("online");
    assertThat(presence.heartbeat(agent, "node-a").toCompletableFuture().join()).isFalse();

    set(AgentStatus.ONLINE, 3, List.of(sales));
    assertThat(status()).isEqualTo(AgentStatus.ONLINE);
  }

  @Test
  void unknownAgentIsOffline() {
    assertThat(status()).isEqualTo(AgentStatus.OFFLINE);
    assertThat(presence.heartbeat(agent, "node-a").toCompletableFuture().join()).isFalse();
  }

  @Test
  void queueIdsWithCommasAreRejected() {
    assertThatThrownBy(() -> set(AgentStatus.ONLINE, 3, List.of("a,b")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wireNamesAreLowerCase() {
    assertThat(AgentStatus.AWAY.wire()).isEqualTo("away");
    assertThat(AgentStatus.fromWire("online")).isEqualTo(AgentStatus.ONLINE);
    assertThatThrownBy(() -> AgentStatus.fromWire("busy"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private int set(AgentStatus status, int capacity, List<String> queues) {
    return presence.setStatus(agent, status, capacity, queues, "node-a").toCompletableFuture().join();
  }

  private AgentStatus status() {
    return presence.status(agent).toCompletableFuture().join();
  }

  private String id() {
    return agent.toString();
  }

  /** Redis's clock, which presence is judged by. */
  private static long redisMillis() {
    List<String> time = redis.time();
    return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
  }
}
