package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.redis.RedisScript;
import io.switchboard.server.testing.Cycles;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.ReplyHoldingProxy;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.TestServices;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The assignment script runs in Redis but its reply never reaches the node (it arrives after the
 * node's command timeout): the script took the conversations off the waiting list and counted
 * them in the agent's load, and the node never learned which. The claim journal must make that
 * harmless: every conversation is assigned exactly once and the agent's load comes back to what
 * PostgreSQL says it holds.
 */
class LostAssignmentReplyTest {
  private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);

  @Test
  void conversationsOfALostAssignmentReplyAreAssignedOnceAndTheLoadComesBack() throws Exception {
    URI redisUri = URI.create(TestServices.redisUrl());
    try (ReplyHoldingProxy proxy = ReplyHoldingProxy.start(redisUri.getHost(), redisUri.getPort());
        TestNode node = TestNode.start(Map.of(
            "SWITCHBOARD_REDIS_URL", "redis://127.0.0.1:" + proxy.port(),
            "SWITCHBOARD_REDIS_COMMAND_TIMEOUT_MS", Long.toString(COMMAND_TIMEOUT.toMillis()),
            "SWITCHBOARD_ROUTING_CLAIM_TIMEOUT_SECONDS", "1"));
        RedisConnections redis = new RedisConnections(TestServices.redisUrl())) {
      Jdbi jdbi = node.node().database().jdbi();
      Fixtures site = Fixtures.create(jdbi);
      Fixtures.Agent account = site.addAgent(2);
      List<Participant> visitors = new ArrayList<>();
      try (Participant agent = Participant.agent(node.http(), node.ws(), account)) {
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          Participant visitor = Participant.visitor(node.http(), node.ws(), site.siteKey);
          visitors.add(visitor);
          conversations.add(visitor.client().start(site.queueId, Map.of()).get().conversationId());
        }
        // The agent coming online runs the assignment script: it pairs two conversations with
        // the agent (capacity 2), and its reply is held past the node's command timeout. Right
        // after a reconciler cycle, so that no run of the reconciler's is the one held.
        Cycles.awaitWholeCycle(node.node().reconcilerCycles());
        proxy.holdRepliesAfter(RedisScript.fromClasspath("assign", "free_agents").sha(),
            COMMAND_TIMEOUT.multipliedBy(3));
        agent.client().setStatus("online").get();
        assertThat(proxy.awaitTriggered(Duration.ofSeconds(5))).isTrue();
        String claims = RedisKeys.claims(site.queueId);
        assertThat(redis.sync().hlen(claims)).as("the script ran and journaled its claims")
            .isEqualTo(2);

        // The reconciler finds the claims unsettled, PostgreSQL without them: the load is given
        // back and two conversations are assigned for real.
        await().atMost(Duration.ofSeconds(20)).until(() -> assignedTo(jdbi, account.id()) == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> unsettled(redis, claims) == 0);
        assertThat(load(redis, account.id())).isEqualTo(2);
        for (String conversation : conversations) {
          assertThat(assignedEvents(jdbi, conversation)).isLessThanOrEqualTo(1);
        }

        // Closing one frees a slot for the third; everyone was assigned exactly once.
        String first = conversations.stream()
            .filter(id -> agent.events().stream().anyMatch(e -> e instanceof ServerMessage.Assigned a
                && a.conversationId().equals(id)))
            .findFirst().orElseThrow();
        agent.client().close(first, null).get();
        await().atMost(Duration.ofSeconds(10)).until(() -> assignedTo(jdbi, account.id()) == 2
            && conversations.stream().allMatch(id -> assignedEvents(jdbi, id) == 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> load(redis, account.id()) == 2
            && unsettled(redis, claims) == 0);
      } finally {
        visitors.forEach(Participant::close);
      }
    }
  }

  private static int assignedTo(Jdbi jdbi, UUID agentId) {
    return jdbi.withHandle(handle -> handle.createQuery(
            "SELECT count(*) FROM conversations WHERE agent_id = :agent AND status = 'assigned'")
        .bind("agent", agentId).mapTo(Integer.class).one());
  }

  private static int assignedEvents(Jdbi jdbi, String conversationId) {
    return jdbi.withHandle(handle -> handle.createQuery("""
            SELECT count(*) FROM conversation_events
            WHERE conversation_id = CAST(:id AS uuid) AND kind = 'assigned'""")
        .bind("id", conversationId).mapTo(Integer.class).one());
  }

  /** Journal entries still claimed (released ones stay a while, in case they are recorded late). */
  private static long unsettled(RedisConnections redis, String claims) {
    return redis.sync().hvals(claims).stream()
        .filter(entry -> entry.endsWith(" claimed")).count();
  }

  private static int load(RedisConnections redis, UUID agentId) {
    String load = redis.sync().hget(RedisKeys.AGENT_LOAD, agentId.toString());
    return load == null ? 0 : Integer.parseInt(load);
  }
}
