package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.sdk.ChatException;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Cycles;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.RawSocket;
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
      // Nothing is assigned while paused: neither by the run the agent's coming online started,
      // nor by a whole cycle of the reconciler (which drains every queue) after it.
      Cycles.awaitWholeCycle(node.node().reconcilerCycles());
      assertThat(agent.events()).noneMatch(ServerMessage.Assigned.class::isInstance);
      assertThatThrownBy(() -> late.client().start(site.queueId, Map.of()).get())
          .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ChatException.class)
          .satisfies(e -> assertThat(((ChatException) e).code()).isEqualTo(ErrorCode.QUEUE_CLOSED));
      assertThat(Http.get(node.http(), "/v1/widget/config?siteKey=" + site.siteKey, null).body()
          .get("queues").get(0).get("open").asBoolean()).isFalse();

      assertThat(Http.call("POST", node.http(), "/v1/queues/" + site.queueId + "/resume", supervisor,
          null).status()).isEqualTo(200);
      // At once, although this node read the queue as paused well under a second ago: a write
      // through the API clears the node's cached sites, queues and schedules.
      String lateId = late.client().start(site.queueId, Map.of()).get().conversationId();
      agent.await(ServerMessage.Assigned.class, a -> a.conversationId().equals(conversationId),
          Duration.ofSeconds(10));
      agent.client().close(conversationId, "resolved").get();
      agent.await(ServerMessage.Assigned.class, a -> a.conversationId().equals(lateId),
          Duration.ofSeconds(10));
      agent.client().close(lateId, "resolved").get();
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
      // The agent is full: a whole reconciler cycle (which drains every queue) assigns nothing more.
      Cycles.awaitWholeCycle(node.node().reconcilerCycles());
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

  @Test
  void adminsSetSkillsAndLanguagesOfQueuesAndAgentsWithClearErrors() throws Exception {
    Fixtures site = Fixtures.create(node.node().database().jdbi());
    String admin = Http.agentToken(node.http(), site.addUser(Role.ADMIN, 1));
    Fixtures.Agent account = site.addAgent(2);
    String queuePath = "/v1/admin/queues/" + site.queueId + "/skills";
    String agentPath = "/v1/admin/agents/" + account.id();

    assertThat(Http.call("PUT", node.http(), queuePath, Http.agentToken(node.http(), account),
        "{\"skills\":[\"billing\"]}").status()).isEqualTo(403);
    assertInvalid(admin, queuePath, "{}", "skills, languages: give at least one");
    assertInvalid(admin, queuePath, "{\"skills\":\"billing\"}", "skills: must be an array of strings");
    assertInvalid(admin, queuePath, "{\"skills\":[\"bill ing\"]}", "skills: \"bill ing\" is not a skill");
    assertInvalid(admin, queuePath, "{\"skills\":[7]}", "skills: must be an array of strings");
    assertInvalid(admin, queuePath, "{\"languages\":[\"english!\"]}", "languages: a language tag");
    assertInvalid(admin, agentPath, "{\"languages\":[\"e\"]}", "languages: a language tag");
    String tooMany = "[" + String.join(",", java.util.Collections.nCopies(33, "\"x\"")) + "]";
    assertInvalid(admin, agentPath, "{\"skills\":" + tooMany + "}", "skills: at most 32");
    assertThat(Http.call("PUT", node.http(), "/v1/admin/queues/no-such-queue/skills", admin,
        "{\"skills\":[]}").status()).isEqualTo(404);

    Http.Reply queue = Http.call("PUT", node.http(), queuePath, admin,
        "{\"skills\":[\" Billing \",\"refunds\",\"billing\"],\"languages\":[\"ZH-cn\",\"en\"]}");
    assertThat(queue.status()).isEqualTo(200);
    assertThat(queue.body().get("skills").toString()).isEqualTo("[\"billing\",\"refunds\"]");
    assertThat(queue.body().get("languages").toString()).isEqualTo("[\"en\",\"zh-CN\"]");
    // A field left out stays as it is.
    Http.Reply languagesOnly = Http.call("PUT", node.http(), queuePath, admin, "{\"languages\":[]}");
    assertThat(languagesOnly.body().get("skills").toString()).isEqualTo("[\"billing\",\"refunds\"]");
    assertThat(languagesOnly.body().get("languages").size()).isZero();

    Http.Reply agent = Http.call("PUT", node.http(), agentPath, admin,
        "{\"skills\":[\"billing\"],\"languages\":[\"de-de\"]}");
    assertThat(agent.status()).isEqualTo(200);
    assertThat(agent.body().get("capacity").asInt()).isEqualTo(2);
    assertThat(agent.body().get("languages").toString()).isEqualTo("[\"de-DE\"]");
    var listed = Http.get(node.http(), "/v1/agents", admin).body();
    var row = java.util.stream.StreamSupport.stream(listed.spliterator(), false)
        .filter(a -> a.get("id").asText().equals(account.id().toString())).findFirst().orElseThrow();
    assertThat(row.get("skills").toString()).isEqualTo("[\"billing\"]");
    var queues = Http.get(node.http(), "/v1/queues", admin).body();
    var queueRow = java.util.stream.StreamSupport.stream(queues.spliterator(), false)
        .filter(q -> q.get("id").asText().equals(site.queueId)).findFirst().orElseThrow();
    assertThat(queueRow.get("skills").toString()).isEqualTo("[\"billing\",\"refunds\"]");
    // The admin page's list shows them too, and so does the answer to a settings change.
    Http.Reply adminQueues = Http.get(node.http(), "/v1/admin/queues", admin);
    assertThat(adminQueues.status()).isEqualTo(200);
    var adminRow = java.util.stream.StreamSupport.stream(adminQueues.body().spliterator(), false)
        .filter(q -> q.get("id").asText().equals(site.queueId)).findFirst().orElseThrow();
    assertThat(adminRow.get("skills").toString()).isEqualTo("[\"billing\",\"refunds\"]");
    assertThat(adminRow.get("languages").size()).isZero();
    Http.call("PUT", node.http(), queuePath, admin, "{\"languages\":[\"zh-cn\"]}");
    Http.Reply renamed = Http.call("PUT", node.http(), "/v1/admin/queues/" + site.queueId, admin,
        "{\"name\":\"Billing desk\"}");
    assertThat(renamed.body().get("skills").toString()).isEqualTo("[\"billing\",\"refunds\"]");
    assertThat(renamed.body().get("languages").toString()).isEqualTo("[\"zh-CN\"]");

    // A visitor's language is validated too.
    try (RawSocket visitor = RawSocket.connect(node.ws(), Http.visitorToken(node.http(), site.siteKey))) {
      visitor.next("welcome");
      visitor.sendText("{\"type\":\"start\",\"id\":\"1\",\"language\":\"klingon language\"}");
      assertThat(visitor.next("error")).contains("invalid_field").contains("language");
    }
  }

  private static void assertInvalid(String token, String path, String json, String message)
      throws Exception {
    Http.Reply reply = Http.call("PUT", node.http(), path, token, json);
    assertThat(reply.status()).as("PUT %s %s", path, json).isEqualTo(400);
    assertThat(reply.body().get("error").get("message").asText()).startsWith(message);
  }
}
