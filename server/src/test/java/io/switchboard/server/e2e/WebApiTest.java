package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The REST endpoints of the widget and the console, with their role checks. */
class WebApiTest extends NodeTest {


  @Test
  void widgetConfigCountsOnlineAgentsAndTicketsAreValidated() throws Exception {
    String path = "/v1/widget/config?siteKey=" + fixtures.siteKey;
    JsonNode config = Http.get(node.http(), path, null).body();
    assertThat(config.get("brandColor").asText()).isEqualTo("#2563eb");
    assertThat(config.get("fields").get("email").asText()).isEqualTo("required");
    assertThat(config.get("queues").get(0).get("agentsOnline").asInt()).isZero();
    assertThat(Http.get(node.http(), "/v1/widget/config?siteKey=nope", null).status()).isEqualTo(404);

    Fixtures.Agent account = fixtures.addAgent(2);
    try (Participant agent = Participant.agent(node.http(), node.ws(), account)) {
      agent.client().setStatus("online").get();
      assertThat(Http.get(node.http(), path, null).body().get("queues").get(0)
          .get("agentsOnline").asInt()).isEqualTo(1);
      agent.client().setStatus("offline").get();
    }

    String visitorToken = Http.visitorToken(node.http(), fixtures.siteKey);
    Http.Reply bad = Http.call("POST", node.http(), "/v1/tickets", visitorToken,
        "{\"name\":\"Lena\",\"email\":\"not-an-email\",\"message\":\"Call me\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("error").get("message").asText()).startsWith("email:");
    assertThat(Http.call("POST", node.http(), "/v1/tickets", null,
        "{\"name\":\"Lena\",\"email\":\"lena@example.com\",\"message\":\"x\"}").status()).isEqualTo(401);
    Http.Reply created = Http.call("POST", node.http(), "/v1/tickets", visitorToken,
        "{\"name\":\"Lena\",\"email\":\"lena@example.com\",\"message\":\"Please call me back\"}");
    assertThat(created.status()).isEqualTo(201);
    int rows = node.node().database().jdbi().withHandle(handle -> handle
        .createQuery("SELECT count(*) FROM ticket_entries WHERE ticket_id = :id::uuid"
            + " AND kind = 'customer' AND body = 'Please call me back'")
        .bind("id", created.body().get("ticketId").asText()).mapTo(Integer.class).one());
    assertThat(rows).isEqualTo(1);
    assertThat(created.body().get("number").asLong()).isPositive();
  }

  @Test
  void staffEndpointsCheckTokensAndRoles() throws Exception {
    Fixtures.Agent agentAccount = fixtures.addAgent(2);
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 2);
    Fixtures.Agent supervisor = fixtures.addUser(Role.SUPERVISOR, 2);
    String agentToken = Http.agentToken(node.http(), agentAccount);
    String adminToken = Http.agentToken(node.http(), admin);
    String supervisorToken = Http.agentToken(node.http(), supervisor);

    assertThat(Http.get(node.http(), "/v1/me", null).status()).isEqualTo(401);
    JsonNode me = Http.get(node.http(), "/v1/me", agentToken).body();
    assertThat(me.get("role").asText()).isEqualTo("agent");
    assertThat(me.get("status").asText()).isEqualTo("offline");

    // Canned replies: admins manage them, agents only read.
    String shortcut = "hi" + System.nanoTime();
    assertThat(Http.call("POST", node.http(), "/v1/canned-replies", agentToken,
        "{\"shortcut\":\"" + shortcut + "\",\"text\":\"Hello!\"}").status()).isEqualTo(403);
    Http.Reply reply = Http.call("POST", node.http(), "/v1/canned-replies", adminToken,
        "{\"shortcut\":\"" + shortcut + "\",\"text\":\"Hello! How can I help?\"}");
    assertThat(reply.status()).isEqualTo(201);
    assertThat(Http.get(node.http(), "/v1/canned-replies", agentToken).body().toString())
        .contains(shortcut);
    Http.Reply taken = Http.call("POST", node.http(), "/v1/canned-replies", adminToken,
        "{\"shortcut\":\"" + shortcut + "\",\"text\":\"Again\"}");
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.body().get("error").get("message").asText())
        .startsWith("shortcut: /" + shortcut + " is taken");
    String path = "/v1/canned-replies/" + reply.body().get("id").asLong();
    assertThat(Http.call("PUT", node.http(), path, agentToken,
        "{\"shortcut\":\"x\",\"text\":\"y\"}").status()).isEqualTo(403);
    Http.Reply changed = Http.call("PUT", node.http(), path, adminToken,
        "{\"shortcut\":\"" + shortcut + "x\",\"text\":\"Hello again!\"}");
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.body().get("text").asText()).isEqualTo("Hello again!");
    assertThat(Http.call("PUT", node.http(), "/v1/canned-replies/999999999", adminToken,
        "{\"shortcut\":\"gone\",\"text\":\"y\"}").status()).isEqualTo(404);
    assertThat(Http.call("DELETE", node.http(), "/v1/canned-replies/" + reply.body().get("id").asLong(),
        adminToken, null).status()).isEqualTo(204);

    // A waiting visitor shows on the wall and the waiting list, for supervisors only.
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey)) {
      String conversationId = visitor.client()
          .start(fixtures.queueId, Map.of("name", "Wall Watcher")).get().conversationId();
      assertThat(Http.get(node.http(), "/v1/wall", agentToken).status()).isEqualTo(403);
      JsonNode wall = Http.get(node.http(), "/v1/wall", supervisorToken).body();
      JsonNode queue = find(wall.get("queues"), "id", fixtures.queueId);
      assertThat(queue.get("waiting").asInt()).isGreaterThanOrEqualTo(1);
      assertThat(Http.get(node.http(), "/v1/queues/" + fixtures.queueId + "/waiting", agentToken)
          .status()).isEqualTo(403);
      assertThat(Http.get(node.http(), "/v1/queues/" + fixtures.queueId + "/waiting",
          supervisorToken).body().toString()).contains(conversationId).contains("Wall Watcher");

      // An agent of another team may not read a conversation that is not theirs; an agent of
      // the conversation's team may (for handover), and so may a supervisor.
      String detailPath = "/v1/conversations/" + conversationId;
      String strangerToken = Http.agentToken(node.http(),
          Fixtures.create(node.node().database().jdbi()).addAgent(1));
      assertThat(Http.get(node.http(), detailPath, strangerToken).status()).isEqualTo(403);
      assertThat(Http.get(node.http(), detailPath, agentToken).status()).isEqualTo(200);
      JsonNode detail = Http.get(node.http(), detailPath, supervisorToken).body();
      assertThat(detail.get("contact").get("name").asText()).isEqualTo("Wall Watcher");
      assertThat(detail.get("status").asText()).isEqualTo("queued");

      try (Participant agent = Participant.agent(node.http(), node.ws(), agentAccount)) {
        agent.client().setStatus("online").get();
        agent.await(ServerMessage.Assigned.class, a -> a.conversationId().equals(conversationId),
            Duration.ofSeconds(10));
        visitor.client().send(conversationId, "first question").get();
        await().atMost(Duration.ofSeconds(5)).until(() -> Http.get(node.http(),
            detailPath + "/messages?after=0", agentToken).body().size() == 1);
        assertThat(Http.get(node.http(), "/v1/contacts/" + detail.get("contact").get("id").asText()
            + "/conversations", agentToken).body().get(0).get("conversationId").asText())
            .isEqualTo(conversationId);
        JsonNode agents = Http.get(node.http(), "/v1/agents", agentToken).body();
        assertThat(find(agents, "id", agentAccount.id().toString()).get("load").asInt()).isEqualTo(1);
        agent.client().close(conversationId, "resolved").get();
      }
    }
  }

  @Test
  void theWidgetFrameMayOnlyBeEmbeddedByTheSitesAllowedOrigins() throws Exception {
    String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
    new io.switchboard.server.store.site.SiteDao(node.node().database().jdbi()).create(
        new io.switchboard.server.store.site.Site("shop-" + suffix, "Shop", "shop-key-" + suffix,
            java.util.List.of("https://shop.example"), null));
    var client = java.net.http.HttpClient.newHttpClient();
    var locked = client.send(java.net.http.HttpRequest.newBuilder(node.http().resolve(
            "/widget/frame.html?site=shop-key-" + suffix)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(locked.statusCode()).isEqualTo(200);
    assertThat(locked.headers().firstValue("Content-Security-Policy"))
        .hasValue("frame-ancestors 'self' https://shop.example");
    var open = client.send(java.net.http.HttpRequest.newBuilder(node.http().resolve(
            "/widget/frame.html?site=" + fixtures.siteKey)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(open.headers().firstValue("Content-Security-Policy")).hasValue("frame-ancestors *");
    assertThat(open.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode item : array) {
      if (item.get(field).asText().equals(value)) {
        return item;
      }
    }
    throw new AssertionError("no " + field + "=" + value + " in " + array);
  }
}
