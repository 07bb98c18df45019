package io.switchboard.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/webhooks} on a real node: only admins, URL and event validation, the secret shown
 * once, changes in the audit log, the delivery log and replay; and a chat whose message acks
 * stay fast while the webhook's receiver hangs on every request.
 */
class WebhookApiTest extends NodeTest {
  private static String admin;
  private static String supervisor;

  @BeforeAll
  static void users() throws Exception {
    admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 2));
    supervisor = Http.agentToken(node.http(), fixtures.addUser(Role.SUPERVISOR, 2));
  }

  @Test
  void adminsConfigureWebhooksAndTheSecretIsShownOnce() throws Exception {
    String body = "{\"siteId\":\"" + fixtures.siteId + "\",\"url\":\"http://127.0.0.1:9/hook\","
        + "\"events\":[\"ticket.created\",\"sla.breached\"],\"description\":\"CRM 同步\"}";
    assertThat(Http.call("POST", node.http(), "/v1/webhooks", supervisor, body).status())
        .isEqualTo(403);
    assertThat(Http.get(node.http(), "/v1/webhooks", supervisor).status()).isEqualTo(403);
    Http.Reply plain = Http.call("POST", node.http(), "/v1/webhooks", admin,
        body.replace("http://127.0.0.1:9", "http://crm.example.com"));
    assertThat(plain.status()).isEqualTo(400);
    assertThat(plain.body().get("error").get("code").asText()).isEqualTo("invalid_field");
    assertThat(Http.call("POST", node.http(), "/v1/webhooks", admin,
        body.replace("sla.breached", "sla.exploded")).status()).isEqualTo(400);
    Http.Reply created = Http.call("POST", node.http(), "/v1/webhooks", admin, body);
    assertThat(created.status()).isEqualTo(201);
    String id = created.body().get("id").asText();
    assertThat(created.body().get("secret").asText()).startsWith("whsec_");
    JsonNode list = Http.get(node.http(), "/v1/webhooks?site=" + fixtures.siteId, admin).body();
    assertThat(list.get("webhooks")).hasSize(1);
    assertThat(list.get("webhooks").get(0).has("secret")).isFalse();
    assertThat(list.get("events")).hasSize(WebhookEvents.ALL.size());
    Http.Reply changed = Http.call("PUT", node.http(), "/v1/webhooks/" + id, admin,
        "{\"url\":\"https://crm.example.com/hook\",\"events\":[\"contact.created\"],"
            + "\"enabled\":false}");
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.body().get("enabled").asBoolean()).isFalse();
    Http.Reply rotated = Http.call("POST", node.http(), "/v1/webhooks/" + id + "/secret",
        admin, null);
    assertThat(rotated.body().get("secret").asText())
        .isNotEqualTo(created.body().get("secret").asText());
    assertThat(Http.get(node.http(), "/v1/webhooks/" + id + "/deliveries", admin).body()
        .get("deliveries")).isEmpty();
    assertThat(Http.call("POST", node.http(), "/v1/webhooks/" + id + "/replay-failed", admin,
        null).body().get("replayed").asInt()).isZero();
    assertThat(Http.call("DELETE", node.http(), "/v1/webhooks/" + id, admin, null).status())
        .isEqualTo(204);
    assertThat(Http.get(node.http(), "/v1/webhooks/" + id, admin).status()).isEqualTo(404);
    await().untilAsserted(() -> assertThat(audited(id)).containsExactlyInAnyOrder(
        "PUT /v1/webhooks/" + id, "POST /v1/webhooks/" + id + "/secret",
        "POST /v1/webhooks/" + id + "/replay-failed", "DELETE /v1/webhooks/" + id));
    long leaked = node.node().database().jdbi().withHandle(handle -> handle.createQuery(
            "SELECT count(*) FROM audit_log WHERE after_json LIKE '%whsec_%'"
                + " OR before_json LIKE '%whsec_%'").mapTo(Long.class).one());
    assertThat(leaked).as("audit rows that hold a secret").isZero();
  }

  @Test
  void messageAcksStayFastWhileTheReceiverHangs() throws Exception {
    try (Receiver receiver = new Receiver();
        Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        Participant agent = Participant.agent(node.http(), node.ws(), fixtures.addAgent(3))) {
      receiver.answer(request -> Receiver.HANG);
      receiver.hangFor(120_000);
      Http.Reply created = Http.call("POST", node.http(), "/v1/webhooks", admin,
          "{\"siteId\":\"" + fixtures.siteId + "\",\"url\":\"" + receiver.url() + "\","
              + "\"events\":[\"conversation.started\",\"message.created\"]}");
      assertThat(created.status()).isEqualTo(201);
      String id = created.body().get("id").asText();
      String conversation = agent.serve(visitor, fixtures.queueId, Map.of());
      await().atMost(Duration.ofSeconds(20)).until(() -> receiver.hanging() > 0);
      List<Long> acks = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        long start = System.nanoTime();
        visitor.client().send(conversation, "order " + i).get();
        acks.add((System.nanoTime() - start) / 1_000_000);
        assertThat(receiver.hanging()).as("the receiver still holds a delivery").isPositive();
      }
      assertThat(acks).as("ack milliseconds").allMatch(millis -> millis < 1_000);
      JsonNode log = Http.get(node.http(), "/v1/webhooks/" + id + "/deliveries?limit=200",
          admin).body().get("deliveries");
      assertThat(log.size()).isGreaterThan(1);
      assertThat(log.get(log.size() - 1).get("eventType").asText())
          .isEqualTo("conversation.started");
      assertThat(log.get(log.size() - 1).get("status").asText()).isEqualTo("pending");
      assertThat(Http.call("DELETE", node.http(), "/v1/webhooks/" + id, admin, null).status())
          .isEqualTo(204);
    }
  }

  @Test
  void everyKindOfEventReachesTheReceiverWithItsData() throws Exception {
    try (Receiver receiver = new Receiver();
        Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        Participant agent = Participant.agent(node.http(), node.ws(), fixtures.addAgent(3))) {
      String all = String.join("\",\"", WebhookEvents.ALL);
      String id = Http.call("POST", node.http(), "/v1/webhooks", admin, "{\"siteId\":\""
          + fixtures.siteId + "\",\"url\":\"" + receiver.url() + "\",\"events\":[\"" + all
          + "\"]}").body().get("id").asText();
      String conversation = agent.serve(visitor, fixtures.queueId, Map.of());
      visitor.client().send(conversation, "我的订单 7731").get();
      agent.client().close(conversation, "resolved").get();
      java.util.UUID chat = java.util.UUID.fromString(conversation);
      java.util.UUID requester = node.node().database().jdbi().withHandle(handle -> handle
          .createQuery("SELECT contact_id FROM conversations WHERE id = :id").bind("id", chat)
          .mapTo(java.util.UUID.class).one());
      new io.switchboard.server.store.conversation.RatingDao(node.node().database().jdbi())
          .rate(chat, requester, 4, "ok");
      JsonNode ticket = io.switchboard.server.testing.Tickets.open(node.http(), admin,
          fixtures.queueId, "Refund");
      io.switchboard.server.testing.Tickets.status(node.http(), admin,
          ticket.get("id").asText(), "solved");
      String a = contact("Ada", "ada-" + id + "@example.com");
      String b = contact("Ada L", "ada-l-" + id + "@example.com");
      assertThat(Http.call("POST", node.http(), "/v1/contacts/" + a + "/merge", admin,
          "{\"mergedId\":\"" + b + "\"}").status()).isEqualTo(200);
      List<String> expected = List.of("conversation.started", "conversation.assigned",
          "message.created", "conversation.closed", "rating.submitted", "ticket.created",
          "ticket.solved", "contact.created", "contact.merged");
      await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().stream()
          .map(Receiver.Request::eventType).distinct().toList().containsAll(expected));
      for (Receiver.Request request : receiver.accepted()) {
        JsonNode data = request.json().get("data");
        switch (request.eventType()) {
          case "message.created" -> {
            if (data.get("senderRole").asText().equals("visitor")) {
              assertThat(data.get("body").asText()).isEqualTo("我的订单 7731");
            }
          }
          case "conversation.closed" ->
              assertThat(data.get("disposition").asText()).isEqualTo("resolved");
          case "ticket.solved" -> {
            assertThat(data.get("ticketId").asText()).isEqualTo(ticket.get("id").asText());
            assertThat(data.get("change").get("detail").get("to").asText()).isEqualTo("solved");
          }
          case "contact.merged" -> {
            assertThat(data.get("contactId").asText()).isEqualTo(a);
            assertThat(data.get("mergedContactId").asText()).isEqualTo(b);
          }
          default -> assertThat(request.json().get("siteId").asText())
              .isEqualTo(fixtures.siteId);
        }
      }
      assertThat(Http.call("DELETE", node.http(), "/v1/webhooks/" + id, admin, null).status())
          .isEqualTo(204);
    }
  }

  private static String contact(String name, String email) throws Exception {
    Http.Reply reply = Http.call("POST", node.http(), "/v1/contacts", admin, "{\"siteId\":\""
        + fixtures.siteId + "\",\"name\":\"" + name + "\",\"email\":\"" + email + "\"}");
    assertThat(reply.status()).isEqualTo(201);
    return reply.body().get("id").asText();
  }

  private static List<String> audited(String id) {
    return node.node().database().jdbi().withHandle(handle -> handle.createQuery(
            "SELECT action FROM audit_log WHERE target_type = 'webhooks' AND target_id = :id")
        .bind("id", id).mapTo(String.class).list());
  }
}
