package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.routing.RedisRoutingStore;
import io.switchboard.server.testing.Cycles;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The reconciler puts back a queued conversation that Redis lost (while its epoch stayed the
 * same), in its original place, and leaves the others where they are.
 */
class QueueReconcilerTest extends NodeTest {
  @Test
  void aQueuedConversationMissingFromRedisIsPutBackInItsPlace() throws Exception {
    List<Participant> visitors = new ArrayList<>();
    List<UUID> ids = new ArrayList<>();
    try (RedisConnections redis = new RedisConnections(TestServices.redisUrl())) {
      for (int i = 0; i < 3; i++) {
        Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        visitors.add(visitor);
        ids.add(UUID.fromString(
            visitor.client().start(fixtures.queueId, Map.of()).get().conversationId()));
      }
      RedisRoutingStore routing = new RedisRoutingStore(redis);
      awaitWaiting(routing, fixtures.queueId, ids);

      assertThat(routing.remove(fixtures.queueId, ids.get(1)).toCompletableFuture().get()).isTrue();
      assertThat(routing.waiting(fixtures.queueId, 10).toCompletableFuture().get())
          .containsExactly(ids.get(0), ids.get(2));

      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
          assertThat(routing.waiting(fixtures.queueId, 10).toCompletableFuture().get())
              .as("the waiting list, with the lost conversation back in its place")
              .containsExactlyElementsOf(ids));
    } finally {
      for (Participant visitor : visitors) {
        visitor.close();
      }
    }
  }

  @Test
  void aConversationBeingAssignedRightNowIsNotPutBackAsAGhost() throws Exception {
    List<Participant> visitors = new ArrayList<>();
    List<UUID> ids = new ArrayList<>();
    Fixtures site = Fixtures.create(node.node().database().jdbi());
    try (RedisConnections redis = new RedisConnections(TestServices.redisUrl())) {
      for (int i = 0; i < 3; i++) {
        Participant visitor = Participant.visitor(node.http(), node.ws(), site.siteKey);
        visitors.add(visitor);
        ids.add(UUID.fromString(
            visitor.client().start(site.queueId, Map.of()).get().conversationId()));
      }
      RedisRoutingStore routing = new RedisRoutingStore(redis);
      awaitWaiting(routing, site.queueId, ids);
      // As the assignment script leaves it: off the waiting list, claimed in the journal, not
      // yet recorded in PostgreSQL (where it is still queued).
      UUID inFlight = ids.get(1);
      assertThat(routing.remove(site.queueId, inFlight).toCompletableFuture().get()).isTrue();
      String claimId = "claim-" + UUID.randomUUID();
      var sync = redis.sync();
      sync.hset(RedisKeys.claims(site.queueId), claimId,
          inFlight + " " + UUID.randomUUID() + " claimed");
      sync.zadd(RedisKeys.claimed(site.queueId), System.currentTimeMillis(), claimId);

      Cycles.awaitWholeCycle(node.node().reconcilerCycles());
      Cycles.awaitWholeCycle(node.node().reconcilerCycles());
      assertThat(routing.waiting(site.queueId, 10).toCompletableFuture().get())
          .as("the claimed conversation is not put back behind the node's back")
          .containsExactly(ids.get(0), ids.get(2));

      // Once the claim is gone without being recorded, it is missing for real and comes back.
      sync.hdel(RedisKeys.claims(site.queueId), claimId);
      sync.zrem(RedisKeys.claimed(site.queueId), claimId);
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
          assertThat(routing.waiting(site.queueId, 10).toCompletableFuture().get())
              .containsExactlyElementsOf(ids));
    } finally {
      for (Participant visitor : visitors) {
        visitor.close();
      }
    }
  }

  /** The start reply does not wait for the Redis waiting list: the last one may be on its way. */
  private static void awaitWaiting(RedisRoutingStore routing, String queueId, List<UUID> ids) {
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
        assertThat(routing.waiting(queueId, 10).toCompletableFuture().get())
            .containsExactlyElementsOf(ids));
  }
}
