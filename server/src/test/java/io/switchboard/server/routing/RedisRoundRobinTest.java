package io.switchboard.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.RedisPresenceStore;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.store.rules.SkillProfile;
import io.switchboard.server.testing.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two strategies differ when loads are equal: least-loaded keeps taking the first agent in
 * load order, round-robin gives the next turn to whoever waited longest for one.
 */
class RedisRoundRobinTest {
  private static RedisConnections connections;
  private static RedisRoutingStore routing;
  private static RedisPresenceStore presence;

  @BeforeAll
  static void open() {
    connections = new RedisConnections(TestServices.redisUrl());
    routing = new RedisRoutingStore(connections);
    presence = new RedisPresenceStore(connections, Duration.ofSeconds(10));
  }

  @AfterAll
  static void close() {
    connections.close();
  }

  /** Assigns three conversations one after another, each chat ending before the next arrives. */
  private List<UUID> servedInTurn(String queue) {
    routing.setRules(queue, SkillProfile.NONE, true).toCompletableFuture().join();
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    for (UUID agent : List.of(first, second)) {
      presence.setStatus(agent, AgentStatus.ONLINE, 5, List.of(queue), "node-test")
          .toCompletableFuture().join();
    }
    java.util.ArrayList<UUID> served = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      routing.enqueue(queue, UUID.randomUUID(), 0, Instant.now()).toCompletableFuture().join();
      List<Assignment> made = routing.assign(queue, 10).toCompletableFuture().join();
      assertThat(made).hasSize(1);
      served.add(made.get(0).agentId());
      routing.release(made.get(0).agentId()).toCompletableFuture().join(); // the chat ends
    }
    return served;
  }

  @Test
  void leastLoadedKeepsTheFirstAgentWhenLoadsAreEqual() {
    List<UUID> served = servedInTurn("q-least-" + UUID.randomUUID());
    assertThat(served.get(0)).isEqualTo(served.get(1)).isEqualTo(served.get(2));
  }

  @Test
  void roundRobinAlternatesBetweenAgents() {
    String queue = "q-rr-" + UUID.randomUUID();
    routing.setRoundRobin(queue, true).toCompletableFuture().join();
    List<UUID> served = servedInTurn(queue);
    assertThat(served.get(1)).isNotEqualTo(served.get(0));
    assertThat(served.get(2)).isEqualTo(served.get(0));
  }
}
