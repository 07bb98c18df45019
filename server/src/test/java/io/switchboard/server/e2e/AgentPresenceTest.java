package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.RedisPresenceStore;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ConversationStatus;
import io.switchboard.server.testing.Cycles;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Presence lives in Redis with a TTL: a connection that dies takes the agent offline. */
class AgentPresenceTest {
  private static TestNode node;
  private static Fixtures fixtures;
  private static RedisConnections redis;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Map.of("SWITCHBOARD_PRESENCE_TTL_SECONDS", "3"));
    fixtures = Fixtures.create(node.node().database().jdbi());
    redis = new RedisConnections(TestServices.redisUrl());
  }

  @AfterAll
  static void stop() {
    redis.close();
    node.close();
  }

  @Test
  void aDeadConnectionTurnsTheAgentOfflineWithinTheTtlAndNothingIsAssignedToThem() throws Exception {
    Fixtures.Agent account = fixtures.addAgent(2);
    RedisPresenceStore presence = new RedisPresenceStore(redis, Duration.ofSeconds(3));
    Participant agent = Participant.agent(node.http(), node.ws(), account);
    agent.client().setStatus("online").get();
    assertThat(presence.status(account.id()).toCompletableFuture().get()).isEqualTo(AgentStatus.ONLINE);
    // Staying connected keeps the agent online past the TTL (heartbeats): wait until the presence
    // written above would have expired without them (its TTL lives in Redis, so real time is
    // needed), failing at once if the agent is ever seen offline meanwhile.
    var sync = redis.sync();
    List<String> now = sync.time();
    long ttlMillis = sync.zscore(RedisKeys.AGENT_PRESENCE, account.id().toString()).longValue()
        - (Long.parseLong(now.get(0)) * 1000 + Long.parseLong(now.get(1)) / 1000);
    assertThat(ttlMillis).as("the presence's time left").isPositive();
    long expiresAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ttlMillis);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
        .failFast("the agent went offline while connected", () ->
            presence.status(account.id()).toCompletableFuture().get() != AgentStatus.ONLINE)
        .until(() -> System.nanoTime() - expiresAt > 0);
    assertThat(presence.status(account.id()).toCompletableFuture().get()).isEqualTo(AgentStatus.ONLINE);

    Instant lost = Instant.now();
    agent.close();
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() ->
        presence.status(account.id()).toCompletableFuture().get() == AgentStatus.OFFLINE);
    assertThat(Duration.between(lost, Instant.now())).isLessThan(Duration.ofSeconds(5));

    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey)) {
      String conversationId = visitor.client().start(fixtures.queueId, Map.of()).get().conversationId();
      // A whole reconciler cycle (which drains every queue) after the visitor came: it would
      // have assigned them by now.
      Cycles.awaitWholeCycle(node.node().reconcilerCycles());
      ConversationDao conversations = new ConversationDao(node.node().database().jdbi());
      assertThat(conversations.find(UUID.fromString(conversationId)).orElseThrow().status())
          .isEqualTo(ConversationStatus.QUEUED);

      try (Participant back = Participant.agent(node.http(), node.ws(), account)) {
        back.client().setStatus("online").get();
        ServerMessage.Assigned assigned = back.await(ServerMessage.Assigned.class);
        assertThat(assigned.conversationId()).isEqualTo(conversationId);
        back.client().close(conversationId, null).get();
      }
    }
  }
}
