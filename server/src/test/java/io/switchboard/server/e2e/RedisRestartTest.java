package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.routing.RedisRoutingStore;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ConversationEvent;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Redis restarts empty while 50 visitors wait. The node notices (the epoch changed) and rebuilds
 * the waiting list from PostgreSQL in the original order; once agents are free, every visitor is
 * assigned exactly once.
 */
class RedisRestartTest extends NodeTest {
  @Test
  void waitingVisitorsKeepTheirPlacesAndAreAllAssignedAfterRedisLostItsData() throws Exception {
    assumeTrue(TestServices.redisIsEmbedded(), "needs an embedded Redis the test may restart");
    List<Participant> visitors = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        visitors.add(visitor);
        ids.add(visitor.client().start(fixtures.queueId, Map.of("name", "V" + i)).get().conversationId());
      }
      ConversationDao conversations = new ConversationDao(node.node().database().jdbi());
      List<UUID> originalOrder = conversations.queued().stream()
          .filter(c -> c.queueId().equals(fixtures.queueId)).map(Conversation::id).toList();
      assertThat(originalOrder).hasSize(50);

      TestServices.restartRedisEmpty(Duration.ofSeconds(1));

      try (RedisConnections redis = new RedisConnections(TestServices.redisUrl())) {
        RedisRoutingStore routing = new RedisRoutingStore(redis);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
            assertThat(routing.waiting(fixtures.queueId, 100).toCompletableFuture().get())
                .as("the waiting list, rebuilt in its original order")
                .containsExactlyElementsOf(originalOrder));
      }

      // Agents come online: all 50 are assigned, each exactly once.
      List<Participant> agents = new ArrayList<>();
      try {
        for (int i = 0; i < 5; i++) {
          Participant agent = Participant.agent(node.http(), node.ws(), fixtures.addAgent(10));
          agents.add(agent);
          agent.client().setStatus("online").get();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> agents.stream()
            .mapToLong(agent -> agent.events().stream()
                .filter(ServerMessage.Assigned.class::isInstance).count()).sum() == 50);
        for (String id : ids) {
          assertThat(conversations.events(UUID.fromString(id)).stream()
              .map(ConversationEvent::kind).filter("assigned"::equals).count())
              .as("assignments of %s", id).isEqualTo(1);
        }
        List<CompletableFuture<?>> closes = new ArrayList<>();
        for (Participant visitor : visitors) {
          closes.add(visitor.client().close(visitor.client().conversations().iterator().next(), null));
        }
        CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new)).get();
      } finally {
        agents.forEach(Participant::close);
      }
    } finally {
      visitors.forEach(Participant::close);
    }
  }
}
