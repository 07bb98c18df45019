package io.switchboard.server.webhook;

import static io.switchboard.server.testing.Tickets.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.access.Role;
import io.switchboard.server.csat.RatingLinks;
import io.switchboard.server.store.secret.ServerSecretDao;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.MutableClock;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.Tickets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SLA and rating events on a real node, delivered to a real HTTP receiver: an SLA clock
 * reaches its warning point and its target as the node's clock moves, a visitor rates a chat
 * over the WebSocket (twice), and a requester rates a ticket through the rating link's route.
 * Each delivery is checked for its type, its signature (recomputed here with the secret), its
 * fields as PROTOCOL.md 3.19 lists them, and its place among the ticket's or chat's events.
 */
class WebhookSlaRatingTest {
  private static final MutableClock clock = new MutableClock(
      Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private static TestNode node;
  private static Fixtures fixtures;
  private static Jdbi jdbi;
  private static String admin;
  private static Receiver receiver;
  private static String secret;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Map.of("SWITCHBOARD_SLA_SCHEDULER_MS", "100"), clock);
    jdbi = node.node().database().jdbi();
    fixtures = Fixtures.create(jdbi);
    admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 2));
    receiver = new Receiver();
    JsonNode created = expect(201, Http.call("POST", node.http(), "/v1/webhooks", admin,
        "{\"siteId\":\"" + fixtures.siteId + "\",\"url\":\"" + receiver.url() + "\","
            + "\"events\":[\"" + String.join("\",\"", WebhookEvents.ALL) + "\"]}"));
    secret = created.get("secret").asText();
  }

  @AfterAll
  static void stop() {
    receiver.close();
    node.close();
  }

  @Test
  void anSlaClockAtRiskAndBreachedReachTheReceiverBeforeWhatTheBreachChanged() throws Exception {
    JsonNode policy = expect(201, Http.call("POST", node.http(), "/v1/admin/sla-policies", admin,
        "{\"name\":\"Webhook " + fixtures.queueId + "\",\"position\":1,\"conditions\":"
            + "{\"queues\":[\"" + fixtures.queueId + "\"]},\"targets\":{\"first_response\":"
            + "{\"normal\":600}},\"warnPercent\":50,\"actions\":{\"notify\":false,"
            + "\"raisePriority\":true}}"));
    Instant opened = clock.instant();
    String token = Http.agentToken(node.http(), fixtures.addAgent(2));
    JsonNode ticket = Tickets.open(node.http(), token, fixtures.queueId, "Printer on fire");
    String id = ticket.get("id").asText();
    Instant deadline = opened.plusSeconds(600);

    moveTo(opened.plusSeconds(301));
    moveTo(opened.plusSeconds(601));
    List<Receiver.Request> events = await().atMost(Duration.ofSeconds(20)).until(
        () -> firstAccepted("ticketId", id),
        list -> list.stream().anyMatch(r -> r.eventType().equals("ticket.updated")));
    assertThat(events).extracting(Receiver.Request::eventType).containsExactly(
        "ticket.created", "sla.at_risk", "sla.breached", "ticket.updated");
    UUID contact = contactOfTicket(id);
    for (Receiver.Request request : events.subList(1, 3)) {
      JsonNode data = signedBody(request).get("data");
      assertThat(data.get("ticketId").asText()).isEqualTo(id);
      assertThat(data.get("number").asLong()).isEqualTo(ticket.get("number").asLong());
      assertThat(data.get("contactId").asText()).isEqualTo(contact.toString());
      assertThat(data.get("metric").asText()).isEqualTo("first_response");
      assertThat(data.get("cycle").asInt()).isEqualTo(1);
      assertThat(data.get("policyId").asLong()).isEqualTo(policy.get("id").asLong());
      assertThat(data.get("priority").asText()).as("the priority the clock ran under")
          .isEqualTo("normal");
    }
    assertThat(instant(signedBody(events.get(1)).get("data").get("dueAt")))
        .isEqualTo(opened.plusSeconds(300));
    assertThat(instant(signedBody(events.get(2)).get("data").get("dueAt"))).isEqualTo(deadline);
    JsonNode raised = signedBody(events.get(3)).get("data");
    assertThat(raised.get("priority").asText()).isEqualTo("high");
    assertThat(raised.get("change").get("kind").asText()).isEqualTo("priority");
    assertThat(raised.get("change").get("detail").get("reason").asText())
        .isEqualTo("sla_breach");
  }

  @Test
  void aVisitorsChatRatingAndARequestersTicketRatingReachTheReceiver() throws Exception {
    String conversation;
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        Participant agent = Participant.agent(node.http(), node.ws(), fixtures.addAgent(3))) {
      conversation = agent.serve(visitor, fixtures.queueId, Map.of());
      visitor.client().send(conversation, "谢谢").get();
      agent.client().close(conversation, "resolved").get();
      visitor.client().visitor().rate(conversation, 3, "Slow at first").get();
      // The first rating must be read before it is replaced.
      await().atMost(Duration.ofSeconds(20)).until(() -> firstAccepted("conversationId",
          conversation).stream().anyMatch(r -> r.eventType().equals("rating.submitted")));
      visitor.client().visitor().rate(conversation, 5, "Quick and kind").get();
    }
    List<Receiver.Request> chat = await().atMost(Duration.ofSeconds(20)).until(
        () -> firstAccepted("conversationId", conversation), list -> list.stream()
            .filter(r -> r.eventType().equals("rating.submitted")).count() == 2);
    List<String> types = chat.stream().map(Receiver.Request::eventType).toList();
    assertThat(types.subList(types.size() - 3, types.size())).containsExactly(
        "conversation.closed", "rating.submitted", "rating.submitted");
    UUID visitorContact = jdbi.withHandle(handle -> handle.createQuery(
            "SELECT contact_id FROM conversations WHERE id = :id")
        .bind("id", UUID.fromString(conversation)).mapTo(UUID.class).one());
    List<JsonNode> chatRatings = chat.stream()
        .filter(r -> r.eventType().equals("rating.submitted")).map(r -> signedBody(r)).toList();
    assertThat(chatRatings.get(0).get("id").asText())
        .isNotEqualTo(chatRatings.get(1).get("id").asText());
    assertThat(chatRatings).extracting(body -> body.get("data").get("score").asInt() + " "
        + body.get("data").get("comment").asText())
        .containsExactly("3 Slow at first", "5 Quick and kind");
    for (JsonNode body : chatRatings) {
      assertThat(body.get("data").get("contactId").asText()).isEqualTo(visitorContact.toString());
      assertThat(body.get("data").has("ticketId")).isFalse();
    }

    String token = Http.agentToken(node.http(), fixtures.addAgent(2));
    JsonNode ticket = Tickets.open(node.http(), token, fixtures.queueId, "Refund 7731");
    String id = ticket.get("id").asText();
    expect(200, Tickets.status(node.http(), token, id, "solved"));
    String link = new RatingLinks(new ServerSecretDao(jdbi).getOrCreate("ticket-rating-links",
        32), clock).token(UUID.fromString(id));
    expect(200, Http.post(node.http(), "/v1/ticket-ratings/" + link,
        "{\"score\":4,\"comment\":\"解决了，谢谢\"}"));
    List<Receiver.Request> rated = await().atMost(Duration.ofSeconds(20)).until(
        () -> firstAccepted("ticketId", id),
        list -> list.stream().anyMatch(r -> r.eventType().equals("rating.submitted")));
    assertThat(rated).extracting(Receiver.Request::eventType)
        .containsExactly("ticket.created", "ticket.solved", "rating.submitted");
    JsonNode data = signedBody(rated.get(2)).get("data");
    assertThat(data.get("number").asLong()).isEqualTo(ticket.get("number").asLong());
    assertThat(data.get("contactId").asText()).isEqualTo(contactOfTicket(id).toString());
    assertThat(data.get("score").asInt()).isEqualTo(4);
    assertThat(data.get("comment").asText()).isEqualTo("解决了，谢谢");
    assertThat(data.has("conversationId")).isFalse();
  }

  /** Moves the node's clock and waits until the escalation scheduler ran twice after it. */
  private static void moveTo(Instant instant) {
    clock.set(instant);
    long seen = node.node().escalationCycles().finished();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> node.node().escalationCycles().finished() >= seen + 2);
  }

  /** The first accepted request of each event whose data names {@code id}, in arrival order. */
  private static List<Receiver.Request> firstAccepted(String field, String id) {
    Map<String, Receiver.Request> first = new LinkedHashMap<>();
    for (Receiver.Request request : receiver.accepted()) {
      if (id.equals(request.json().get("data").path(field).asText())) {
        first.putIfAbsent(request.eventId(), request);
      }
    }
    return List.copyOf(first.values());
  }

  /**
   * The request's body after checking, with the webhook's secret, the HMAC-SHA256 of
   * {@code t + "." + body} in its signature header, and that its headers name the event.
   */
  private static JsonNode signedBody(Receiver.Request request) {
    Map<String, String> parts = new LinkedHashMap<>();
    for (String part : request.signature().split(",")) {
      String[] pair = part.split("=", 2);
      parts.put(pair[0], pair[1]);
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected = HexFormat.of().formatHex(mac.doFinal((parts.get("t") + "."
          + request.body()).getBytes(StandardCharsets.UTF_8)));
      assertThat(parts.get("v1")).as("signature of %s", request.eventId()).isEqualTo(expected);
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
    assertThat(Long.parseLong(parts.get("t"))).isLessThanOrEqualTo(clock.instant()
        .getEpochSecond());
    JsonNode body = request.json();
    assertThat(body.get("id").asText()).isEqualTo(request.eventId());
    assertThat(body.get("type").asText()).isEqualTo(request.eventType());
    assertThat(body.get("siteId").asText()).isEqualTo(fixtures.siteId);
    assertThat(instant(body.get("occurredAt"))).isNotNull();
    return body;
  }

  private static UUID contactOfTicket(String id) {
    return jdbi.withHandle(handle -> handle.createQuery(
            "SELECT contact_id FROM tickets WHERE id = :id").bind("id", UUID.fromString(id))
        .mapTo(UUID.class).one());
  }

  private static Instant instant(JsonNode text) {
    return OffsetDateTime.parse(text.asText()).toInstant();
  }
}
