package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Role;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.routing.RedisRoutingStore;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ConversationEvent;
import io.switchboard.server.store.conversation.ConversationStatus;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.RawSocket;
import io.switchboard.server.testing.TestServices;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Supervisors move waiting conversations: straight to an online agent with free capacity and the
 * queue's skills (REST and WebSocket), or to another queue. Refused, with the reason, for an agent
 * who is offline, full or lacks a skill, and for plain agents; recorded in the history.
 */
class SupervisorAssignTest extends NodeTest {
  @Test
  void aSupervisorAssignsAWaitingConversationToAnEligibleAgentWithRoom() throws Exception {
    Fixtures site = Fixtures.create(node.node().database().jdbi());
    Fixtures.Agent supervisorAccount = site.addUser(Role.SUPERVISOR, 1);
    String supervisor = Http.agentToken(node.http(), supervisorAccount);
    String admin = Http.agentToken(node.http(), site.addUser(Role.ADMIN, 1));
    Fixtures.Agent target = site.addAgent(1);
    Fixtures.Agent unskilled = site.addAgent(3);
    Fixtures.Agent offline = site.addAgent(3);
    assertThat(Http.call("PUT", node.http(), "/v1/admin/queues/" + site.queueId + "/skills", admin,
        "{\"skills\":[\"billing\"]}").status()).isEqualTo(200);
    for (Fixtures.Agent skilled : new Fixtures.Agent[] {target, offline}) {
      assertThat(Http.call("PUT", node.http(), "/v1/admin/agents/" + skilled.id(), admin,
          "{\"skills\":[\"billing\"]}").status()).isEqualTo(200);
    }
    ConversationDao conversations = new ConversationDao(node.node().database().jdbi());

    try (Participant first = Participant.visitor(node.http(), node.ws(), site.siteKey);
        Participant second = Participant.visitor(node.http(), node.ws(), site.siteKey);
        Participant agent = Participant.agent(node.http(), node.ws(), target);
        Participant other = Participant.agent(node.http(), node.ws(), unskilled)) {
      String one = first.client().start(site.queueId, Map.of("name", "Ada")).get().conversationId();
      String two = second.client().start(site.queueId, Map.of()).get().conversationId();
      // Paused, the queue hands out nothing by itself: every assignment here is the supervisor's.
      assertThat(Http.call("POST", node.http(), "/v1/queues/" + site.queueId + "/pause", supervisor,
          null).status()).isEqualTo(200);
      agent.client().setStatus("online").get();
      other.client().setStatus("online").get();
      String path = "/v1/conversations/" + one + "/transfer";

      Http.Reply toOffline = Http.call("POST", node.http(), path, supervisor,
          "{\"toAgentId\":\"" + offline.id() + "\"}");
      assertThat(toOffline.status()).isEqualTo(409);
      assertThat(message(toOffline)).contains("offline");
      Http.Reply toUnskilled = Http.call("POST", node.http(), path, supervisor,
          "{\"toAgentId\":\"" + unskilled.id() + "\"}");
      assertThat(toUnskilled.status()).isEqualTo(409);
      assertThat(message(toUnskilled)).contains("billing");
      Http.Reply byAnAgent = Http.call("POST", node.http(), path,
          Http.agentToken(node.http(), unskilled), "{\"toAgentId\":\"" + target.id() + "\"}");
      assertThat(byAnAgent.status()).isEqualTo(403);
      assertThat(Http.call("POST", node.http(), path, supervisor, "{\"toQueue\":\"x\","
          + "\"toAgentId\":\"" + target.id() + "\"}").status()).isEqualTo(400);

      Http.Reply assigned = Http.call("POST", node.http(), path, supervisor,
          "{\"toAgentId\":\"" + target.id() + "\",\"note\":\"VIP, billing dispute\"}");
      assertThat(assigned.status()).as("%s", assigned.body()).isEqualTo(200);
      assertThat(assigned.body().get("status").asText()).isEqualTo("assigned");
      ServerMessage.Assigned offer = agent.await(ServerMessage.Assigned.class,
          a -> a.conversationId().equals(one), Duration.ofSeconds(10));
      assertThat(offer.visitor().name()).isEqualTo("Ada");
      // The visitor behind moves up to first place; the assigned one is out of the queue.
      second.await(ServerMessage.QueuePosition.class,
          q -> q.conversationId().equals(two) && q.position() == 1, Duration.ofSeconds(10));
      try (RedisConnections redis = new RedisConnections(TestServices.redisUrl())) {
        RedisRoutingStore routing = new RedisRoutingStore(redis);
        assertThat(routing.waiting(site.queueId, 10).toCompletableFuture().get())
            .containsExactly(UUID.fromString(two));
        assertThat(routing.load(target.id()).toCompletableFuture().get()).isEqualTo(1);
      }
      // The visitor sees it as any assignment: the agent joins when they accept.
      agent.client().accept(one).get();
      first.await(ServerMessage.AgentJoined.class, j -> j.conversationId().equals(one),
          Duration.ofSeconds(10));
      assertThat(first.events()).noneMatch(ServerMessage.Transferred.class::isInstance);
      ConversationEvent event = conversations.events(UUID.fromString(one)).stream()
          .filter(e -> e.kind().equals("assigned")).findFirst().orElseThrow();
      assertThat(event.actorId()).isEqualTo(target.id().toString());
      assertThat(event.detailJson()).contains("\"assignedBy\": \"" + supervisorAccount.id() + "\"")
          .contains("\"fromQueue\": \"" + site.queueId + "\"");

      // The agent is full now (capacity 1): the second conversation is refused over WebSocket.
      try (RawSocket wall = RawSocket.connect(node.ws(), supervisor)) {
        wall.next("welcome");
        wall.sendText("{\"type\":\"transfer\",\"id\":\"1\",\"conversationId\":\"" + two
            + "\",\"toAgentId\":\"" + target.id() + "\"}");
        assertThat(wall.next("error")).contains("\"id\":\"1\"").contains("conflict")
            .contains("capacity");
        assertThat(conversations.find(UUID.fromString(two)).orElseThrow().status())
            .isEqualTo(ConversationStatus.QUEUED);

        // Moved to another queue of the site instead, where it waits.
        String newQueue = "billing-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(Http.call("POST", node.http(), "/v1/admin/queues", admin, "{\"id\":\"" + newQueue
            + "\",\"siteId\":\"" + site.siteId + "\",\"name\":\"Billing\"}").status()).isEqualTo(201);
        wall.sendText("{\"type\":\"transfer\",\"id\":\"2\",\"conversationId\":\"" + two
            + "\",\"toQueue\":\"" + newQueue + "\"}");
        wall.reply("ok", "2");
        assertThat(conversations.find(UUID.fromString(two)).orElseThrow().queueId()).isEqualTo(newQueue);
        second.await(ServerMessage.Transferred.class, t -> newQueue.equals(t.toQueue()),
            Duration.ofSeconds(10));
      }
      first.client().close(one, null).get();
      second.client().close(two, null).get();
    }
  }

  private static String message(Http.Reply reply) {
    return reply.body().get("error").get("message").asText();
  }
}
