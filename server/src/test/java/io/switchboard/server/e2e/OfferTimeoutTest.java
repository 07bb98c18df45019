package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.RedisPresenceStore;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ConversationEvent;
import io.switchboard.server.store.conversation.ConversationStatus;
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
 * Offers that are not accepted within the queue's accept timeout (5 s here) move on to the next
 * eligible agent; a message from the agent counts as accepting; three missed offers in a row set
 * the agent to away.
 */
class OfferTimeoutTest extends NodeTest {
  private static Fixtures siteWithTimeout() {
    Fixtures site = Fixtures.create(node.node().database().jdbi());
    node.node().database().jdbi().useHandle(handle -> handle
        .createUpdate("UPDATE queues SET accept_timeout_seconds = 5 WHERE id = :id")
        .bind("id", site.queueId).execute());
    return site;
  }

  /**
   * Whether the conversation's offer is older than its queue's accept timeout (the monitor's own
   * test), or it has no offer any more.
   */
  private static boolean offerTimeoutPassed(String conversationId) {
    return node.node().database().jdbi().withHandle(handle -> handle.createQuery(
            "SELECT coalesce(c.assigned_at < now() - make_interval(secs => q.accept_timeout_seconds),"
                + " true) FROM conversations c JOIN queues q ON q.id = c.queue_id WHERE c.id = :id")
        .bind("id", UUID.fromString(conversationId)).mapTo(Boolean.class).one());
  }

  @Test
  void anOfferNotAcceptedInTimeMovesToTheNextAgentAndSendingCountsAsAccepting() throws Exception {
    Fixtures site = siteWithTimeout();
    Fixtures.Agent first = site.addAgent(1);
    Fixtures.Agent second = site.addAgent(1);
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), site.siteKey);
        Participant a = Participant.agent(node.http(), node.ws(), first);
        Participant b = Participant.agent(node.http(), node.ws(), second)) {
      a.client().setStatus("online").get();
      String conversationId = visitor.client().start(site.queueId, Map.of()).get().conversationId();
      a.await(ServerMessage.Assigned.class);
      b.client().setStatus("online").get();

      // A never answers: after the timeout the offer moves to B, and A is told.
      ServerMessage.Assigned toB = b.await(ServerMessage.Assigned.class,
          x -> x.conversationId().equals(conversationId), Duration.ofSeconds(15));
      assertThat(toB).isNotNull();
      assertThat(a.await(ServerMessage.Unassigned.class).reason()).isEqualTo("accept_timeout");

      // B answers with a message instead of accept: that counts, the chat stays with B.
      b.client().send(conversationId, "Hi, I'm here").get();
      // Past the moment B's offer would have timed out, by PostgreSQL's clock, which judges it
      // (real time), and a whole cycle of the offer-timeout monitor after that.
      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
          .until(() -> offerTimeoutPassed(conversationId));
      Cycles.awaitWholeCycle(node.node().offerTimeoutCycles());
      ConversationDao conversations = new ConversationDao(node.node().database().jdbi());
      var conversation = conversations.find(UUID.fromString(conversationId)).orElseThrow();
      assertThat(conversation.agentId()).isEqualTo(second.id());
      assertThat(conversation.acceptedAt()).isNotNull();
      List<String> history = conversations.events(UUID.fromString(conversationId)).stream()
          .map(ConversationEvent::kind).toList();
      assertThat(history).containsExactly("queued", "assigned", "requeued", "assigned");
      b.client().close(conversationId, "resolved").get();
    }
  }

  @Test
  void anAgentWhoMissesThreeOffersInARowIsSetAway() throws Exception {
    Fixtures site = siteWithTimeout();
    Fixtures.Agent account = site.addAgent(3);
    List<Participant> visitors = new ArrayList<>();
    try (Participant agent = Participant.agent(node.http(), node.ws(), account);
        RedisConnections redis = new RedisConnections(TestServices.redisUrl())) {
      agent.client().setStatus("online").get();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Participant visitor = Participant.visitor(node.http(), node.ws(), site.siteKey);
        visitors.add(visitor);
        ids.add(visitor.client().start(site.queueId, Map.of()).get().conversationId());
      }
      RedisPresenceStore presence = new RedisPresenceStore(redis, Duration.ofSeconds(5));
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() ->
          presence.status(account.id()).toCompletableFuture().get() == AgentStatus.AWAY);
      ConversationDao conversations = new ConversationDao(node.node().database().jdbi());
      // Nobody else is online: all three wait again, at their original places.
      await().atMost(Duration.ofSeconds(5)).until(() -> ids.stream().allMatch(id ->
          conversations.find(UUID.fromString(id)).orElseThrow().status() == ConversationStatus.QUEUED));
      for (Participant visitor : visitors) {
        String id = visitor.client().conversations().iterator().next();
        visitor.client().close(id, null).get();
      }
    } finally {
      visitors.forEach(Participant::close);
    }
  }
}
