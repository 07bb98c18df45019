package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.sdk.ChatException;
import io.switchboard.server.store.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Supervisors pause and resume queues; admins change queues and agents, effective at once. */
class AdminApiTest extends NodeTest {
  @Test
  void aPausedQueueAssignsNothingAndTakesNoNewVisitorsUntilResumed() throws Exception {
    Fixtures site = Fixtures.create(node.node().database().jdbi());
    String supervisor = Http.agentToken(node.http(), site.addUser(Role.SUPERVISOR, 1));
    Fixtures.Agent account = site.addAgent(1);
    String pausePath = "/v1/queues/" + site.queueId + "/pause";
    assertThat(Http.call("POST", node.http(), pausePath,
        Http.agentToken(node.http(), account), null).status()).isEqualTo(403);
    try (Participant waiting = Participant.visitor(node.http(), node.ws(), site.siteKey);
        Participant late = Participant.visitor(node.http(), node.ws(), site.siteKey);
        Participant agent = Participant.agent(node.http(), node.ws(), account)) {
      String conversationId = waiting.client().start(site.queueId, Map.of()).get().conversationId();
      assertThat(Http.call("POST", node.http(), pausePath, supervisor, null).status()).isEqualTo(200);
      agent.client().setStatus("online").get();
      Thread.sleep(3_000); // longer than the reconciler's period: nothing is assigned while paused
      assertThat(agent.events()).noneMatch(ServerMessage.Assigned.class::isInstance);
      assertThatThrownBy(() -> late.client().start(site.queueId, Map.of()).get())
          .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ChatException.class)
          .satisfies(e -> assertThat(((ChatException) e).code()).isEqualTo(ErrorCode.QUEUE_CLOSED));
      assertThat(Http.get(node.http(), "/v1/widget/config?siteKey=" + site.siteKey, null).body()
          .get("queues").get(0).get("open").asBoolean()).isFalse();

      assertThat(Http.call("POST", node.http(), "/v1/queues/" + site.queueId + "/resume", supervisor,
          null).status()).isEqualTo(200);
      agent.await(ServerMessage.Assigned.class, a -> a.conversationId().equals(conversationId),
          Duration.ofSeconds(10));
      agent.client().close(conversationId, "resolved").get();
    }
  }

  @Test
  void adminsChangeCapacityHoursAndHolidaysWithClearErrors() throws Exception {
    Fixtures site = Fixtures.create(node.node().database().jdbi());
    String admin = Http.agentToken(node.http(), site.addUser(Role.ADMIN, 1));
    Fixtures.Agent account = site.addAgent(1);
    String agentToken = Http.agentToken(node.http(), account);
    String hoursPath = "/v1/admin/queues/" + site.queueId + "/hours";
    assertThat(Http.call("PUT", node.http(), hoursPath, agentToken,
        "{\"timeZone\":\"UTC\",\"hours\":[]}").status()).isEqualTo(403);
    Http.Reply badZone = Http.call("PUT", node.http(), hoursPath, admin,
        "{\"timeZone\":\"Mars/Olympus\",\"hours\":[]}");
    assertThat(badZone.status()).isEqualTo(400);
    assertThat(badZone.body().get("error").get("message").asText()).startsWith("timeZone or hours");
    assertThat(Http.call("PUT", node.http(), hoursPath, admin,
        "{\"timeZone\":\"Europe/Berlin\",\"hours\":[{\"weekday\":1,\"opens\":\"17:00\",\"closes\":\"09:00\"}]}")
        .status()).isEqualTo(400);
    assertThat(Http.call("PUT", node.http(), hoursPath, admin,
        "{\"timeZone\":\"Europe/Berlin\",\"hours\":[{\"weekday\":1,\"opens\":\"09:00\",\"closes\":\"17:00\"}],"
            + "\"maxWaitSeconds\":240}").status()).isEqualTo(200);
    assertThat(Http.call("POST", node.http(), "/v1/admin/queues/" + site.queueId + "/holidays", admin,
        "{\"day\":\"2026-12-25\",\"name\":\"Christmas\"}").status()).isEqualTo(201);
    assertThat(Http.call("POST", node.http(), "/v1/admin/queues/" + site.queueId + "/holidays", admin,
        "{\"day\":\"25.12.2026\"}").status()).isEqualTo(400);
    // Back to around the clock for the rest of the test.
    Http.call("PUT", node.http(), hoursPath, admin, "{\"timeZone\":\"UTC\",\"hours\":[]}");

    // Raising an online agent's capacity takes effect at once: a second chat is assigned.
    try (Participant first = Participant.visitor(node.http(), node.ws(), site.siteKey);
        Participant second = Participant.visitor(node.http(), node.ws(), site.siteKey);
        Participant agent = Participant.agent(node.http(), node.ws(), account)) {
      agent.client().setStatus("online").get();
      String one = first.client().start(site.queueId, Map.of()).get().conversationId();
      String two = second.client().start(site.queueId, Map.of()).get().conversationId();
      agent.await(ServerMessage.Assigned.class, a -> a.conversationId().equals(one), Duration.ofSeconds(10));
      Thread.sleep(1_000);
      assertThat(agent.events()).noneMatch(e -> e instanceof ServerMessage.Assigned a
          && a.conversationId().equals(two));
      Http.Reply updated = Http.call("PUT", node.http(), "/v1/admin/agents/" + account.id(), admin,
          "{\"capacity\":2}");
      assertThat(updated.status()).isEqualTo(200);
      assertThat(updated.body().get("capacity").asInt()).isEqualTo(2);
      agent.await(ServerMessage.Assigned.class, a -> a.conversationId().equals(two), Duration.ofSeconds(10));
      assertThat(Http.call("PUT", node.http(), "/v1/admin/agents/" + account.id(), admin,
          "{\"capacity\":0}").status()).isEqualTo(400);
      agent.client().close(one, null).get();
      agent.client().close(two, null).get();
    }
    String strategyPath = "/v1/admin/queues/" + site.queueId + "/strategy";
    assertThat(Http.call("PUT", node.http(), strategyPath, admin, "{\"strategy\":\"random\"}").status())
        .isEqualTo(400);
    assertThat(Http.call("PUT", node.http(), strategyPath, agentToken,
        "{\"strategy\":\"round_robin\"}").status()).isEqualTo(403);
    assertThat(Http.call("PUT", node.http(), strategyPath, admin, "{\"strategy\":\"round_robin\"}")
        .body().get("strategy").asText()).isEqualTo("round_robin");
    String stored = node.node().database().jdbi().withHandle(handle -> handle
        .createQuery("SELECT strategy FROM queues WHERE id = :id").bind("id", site.queueId)
        .mapTo(String.class).one());
    assertThat(stored).isEqualTo("round_robin");
    assertThat(Http.call("POST", node.http(), "/v1/admin/queues", admin,
        "{\"id\":\"billing-" + System.nanoTime() + "\",\"siteId\":\"" + site.siteId + "\",\"name\":\"Billing\"}")
        .status()).isEqualTo(201);
  }
  @Test
  void aConversationASupervisorMarksAsVipIsServedBeforeOlderOnes() throws Exception {
    Fixtures site = Fixtures.create(node.node().database().jdbi());
    String supervisor = Http.agentToken(node.http(), site.addUser(Role.SUPERVISOR, 1));
    Fixtures.Agent account = site.addAgent(1);
    java.util.List<Participant> visitors = new java.util.ArrayList<>();
    java.util.List<String> ids = new java.util.ArrayList<>();
    try (Participant agent = Participant.agent(node.http(), node.ws(), account)) {
      for (int i = 0; i < 3; i++) {
        Participant visitor = Participant.visitor(node.http(), node.ws(), site.siteKey);
        visitors.add(visitor);
        ids.add(visitor.client().start(site.queueId, Map.of()).get().conversationId());
      }
      String vip = ids.get(2);
      String path = "/v1/conversations/" + vip + "/priority";
      assertThat(Http.call("PUT", node.http(), path, Http.agentToken(node.http(), account),
          "{\"priority\":5}").status()).isEqualTo(403);
      assertThat(Http.call("PUT", node.http(), path, supervisor, "{\"priority\":10}").status())
          .isEqualTo(400);
      Http.Reply set = Http.call("PUT", node.http(), path, supervisor, "{\"priority\":5}");
      assertThat(set.status()).isEqualTo(200);
      assertThat(set.body().get("waiting").asBoolean()).isTrue();
      assertThat(Http.get(node.http(), "/v1/queues/" + site.queueId + "/waiting", supervisor).body()
          .get(0).get("conversationId").asText()).isEqualTo(vip);

      agent.client().setStatus("online").get();
      ServerMessage.Assigned first = agent.await(ServerMessage.Assigned.class);
      assertThat(first.conversationId()).as("the VIP goes first").isEqualTo(vip);
      for (Participant visitor : visitors) {
        visitor.client().close(visitor.client().conversations().iterator().next(), null).get();
      }
    } finally {
      visitors.forEach(Participant::close);
    }
  }
}
