package io.switchboard.server.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.testing.TestServices;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisNodeRegistryTest {
  private static final Duration SHORT_TTL = Duration.ofMillis(300);

  private static RedisConnections connections;
  private static RedisNodeRegistry nodes;

  @BeforeAll
  static void connect() {
    connections = new RedisConnections(TestServices.redisUrl());
    nodes = new RedisNodeRegistry(connections);
  }

  @AfterAll
  static void close() {
    connections.close();
  }

  @Test
  void registeredNodesAreAliveAndListed() {
    String first = "node-" + UUID.randomUUID();
    String second = "node-" + UUID.randomUUID();
    nodes.register(first, Duration.ofSeconds(10)).toCompletableFuture().join();
    nodes.register(second, Duration.ofSeconds(10)).toCompletableFuture().join();

    assertThat(alive(first)).isTrue();
    assertThat(nodes.liveNodes().toCompletableFuture().join()).contains(first, second);

    nodes.unregister(second).toCompletableFuture().join();
    assertThat(alive(second)).isFalse();
    assertThat(nodes.liveNodes().toCompletableFuture().join()).contains(first).doesNotContain(second);
    nodes.unregister(first).toCompletableFuture().join();
  }

  @Test
  void heartbeatExtendsAndExpiryEnds() throws Exception {
    String node = "node-" + UUID.randomUUID();
    nodes.register(node, SHORT_TTL).toCompletableFuture().join();
    for (int i = 0; i < 3; i++) {
      Thread.sleep(150);
      assertThat(nodes.heartbeat(node, SHORT_TTL).toCompletableFuture().join()).isTrue();
    }
    assertThat(alive(node)).isTrue();

    await().atMost(Duration.ofSeconds(3)).until(() -> !alive(node));
    assertThat(nodes.heartbeat(node, SHORT_TTL).toCompletableFuture().join()).isFalse();
    assertThat(nodes.liveNodes().toCompletableFuture().join()).doesNotContain(node);
  }

  private static boolean alive(String node) {
    return nodes.isAlive(node).toCompletableFuture().join();
  }
}
