package io.switchboard.server.ticket;

import static io.switchboard.server.testing.Tickets.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.Tickets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where tickets come from besides the offline form (a chat, a phone call) and what staff do with
 * many: merge, bulk changes, the views with their counts, and the live {@code ticket} events.
 */
class TicketFeaturesTest extends NodeTest {

  @Test
  void aChatBecomesATicketWithItsTranscriptLinkedAndTheVisitorIsTold() throws Exception {
    Fixtures.Agent account = fixtures.addAgent(2);
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        Participant agent = Participant.agent(node.http(), node.ws(), account)) {
      String chat = visitor.client().start(fixtures.queueId, Map.of("name", "Lena")).get()
          .conversationId();
      agent.client().setStatus("online").get();
      agent.await(ServerMessage.Assigned.class);
      agent.client().accept(chat).get();
      String token = Http.agentToken(node.http(), account);

      JsonNode ticket = expect(201, Http.call("POST", node.http(),
          "/v1/conversations/" + chat + "/ticket", token,
          "{\"subject\":\"Refund for order 42\",\"type\":\"complaint\",\"priority\":\"high\","
              + "\"note\":\"Customer was polite\"}"));
      assertThat(ticket.get("channel").asText()).isEqualTo("chat");
      assertThat(ticket.get("type").asText()).isEqualTo("complaint");
      assertThat(ticket.get("assignee").get("id").asText()).isEqualTo(account.id().toString());
      ServerMessage.TicketChanged told = visitor.await(ServerMessage.TicketChanged.class);
      assertThat(told.number()).isEqualTo(ticket.get("number").asLong());
      assertThat(told.change()).isEqualTo("created");

      JsonNode detail = Tickets.read(node.http(), token, ticket.get("id").asText());
      assertThat(detail.get("links").get(0).get("conversationId").asText()).isEqualTo(chat);
      assertThat(detail.get("links").get(0).get("relation").asText()).isEqualTo("source");
      assertThat(detail.get("entries").get(0).get("kind").asText()).isEqualTo("note");
      JsonNode linked = expect(200, Http.get(node.http(), "/v1/conversations/" + chat
          + "/tickets", token));
      assertThat(linked.get(0).get("id").asText()).isEqualTo(ticket.get("id").asText());
      agent.client().setStatus("offline").get();
    }
  }

  @Test
  void aPhoneCallIsLoggedAsATicketAndOnAnExistingOne() throws Exception {
    String token = Http.agentToken(node.http(), fixtures.addAgent(2));
    JsonNode ticket = expect(201, Http.call("POST", node.http(), "/v1/tickets", token,
        "{\"queue\":\"" + fixtures.queueId + "\",\"subject\":\"Caller cannot log in\","
            + "\"channel\":\"phone\",\"requester\":{\"name\":\"Ann\",\"phone\":\"+49 30 1234567\"},"
            + "\"call\":{\"caller\":\"Ann\",\"direction\":\"inbound\","
            + "\"startedAt\":\"2026-12-01T09:30:00Z\",\"durationSeconds\":420,"
            + "\"summary\":\"Password reset did not arrive\",\"outcome\":\"reset sent again\"}}"));
    String id = ticket.get("id").asText();
    expect(201, Tickets.call(node.http(), token, "POST", id, "/calls",
        "{\"caller\":\"Ann\",\"direction\":\"outbound\",\"startedAt\":\"2026-12-01T10:00:00Z\","
            + "\"durationSeconds\":60,\"summary\":\"Confirmed she is in\",\"outcome\":\"solved\"}"));
    JsonNode entries = Tickets.read(node.http(), token, id).get("entries");
    assertThat(entries).extracting(e -> e.get("kind").asText()).containsExactly("call", "call");
    assertThat(entries.get(0).get("call").get("durationSeconds").asText()).isEqualTo("420");
    assertThat(entries.get(0).get("body").asText()).isEqualTo("Password reset did not arrive");
    Http.Reply bad = Tickets.call(node.http(), token, "POST", id, "/calls",
        "{\"caller\":\"Ann\",\"direction\":\"sideways\",\"startedAt\":\"2026-12-01T10:00:00Z\","
            + "\"durationSeconds\":60,\"summary\":\"x\",\"outcome\":\"y\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("error").get("message").asText()).startsWith("direction:");
  }

  @Test
  void mergeMovesTheThreadAndPointsToTheSurvivor() throws Exception {
    String token = Http.agentToken(node.http(), fixtures.addAgent(2));
    String survivor = Tickets.open(node.http(), token, fixtures.queueId, "Survivor").get("id")
        .asText();
    String duplicate = Tickets.open(node.http(), token, fixtures.queueId, "Duplicate").get("id")
        .asText();
    JsonNode merged = expect(200, Tickets.call(node.http(), token, "POST", duplicate, "/merge",
        "{\"into\":\"" + survivor + "\"}"));
    assertThat(merged.get("id").asText()).isEqualTo(survivor);
    JsonNode gone = Tickets.read(node.http(), token, duplicate);
    assertThat(gone.get("status").asText()).isEqualTo("closed");
    assertThat(gone.get("mergedInto").asText()).isEqualTo(survivor);
    assertThat(Tickets.read(node.http(), token, survivor).get("entries"))
        .extracting(e -> e.get("body").asText())
        .containsExactly("Details of Survivor", "Details of Duplicate");
    assertThat(Tickets.call(node.http(), token, "POST", survivor, "/merge",
        "{\"into\":\"" + survivor + "\"}").status()).isEqualTo(400);
    assertThat(Tickets.call(node.http(), token, "POST", survivor, "/merge",
        "{\"into\":\"" + duplicate + "\"}").status()).isEqualTo(409);
  }

  @Test
  void bulkChangesReportEachTicketAndViewsCountLive() throws Exception {
    Fixtures own = Fixtures.create(node.node().database().jdbi());
    Fixtures.Agent account = own.addAgent(2);
    String token = Http.agentToken(node.http(), account);
    String first = Tickets.open(node.http(), token, own.queueId, "One").get("id").asText();
    String second = Tickets.open(node.http(), token, own.queueId, "Two").get("id").asText();
    String closed = Tickets.open(node.http(), token, own.queueId, "Three").get("id").asText();
    expect(200, Tickets.status(node.http(), token, closed, "solved"));
    expect(200, Tickets.status(node.http(), token, closed, "closed"));

    try (Participant watcher = Participant.agent(node.http(), node.ws(), account)) {
      JsonNode results = expect(200, Http.call("POST", node.http(), "/v1/tickets/bulk", token,
          "{\"ids\":[\"" + first + "\",\"" + second + "\",\"" + closed + "\"],\"assignee\":\""
              + account.id() + "\",\"status\":\"pending\"}")).get("results");
      assertThat(results).extracting(r -> r.get("ok").asBoolean()).containsExactly(true, true,
          false);
      assertThat(results.get(2).get("error").get("code").asText()).isEqualTo("conflict");
      watcher.await(ServerMessage.TicketChanged.class,
          event -> event.ticketId().equals(second) && event.status().equals("pending"),
          java.time.Duration.ofSeconds(10));
    }
    JsonNode mine = expect(200, Http.get(node.http(), "/v1/tickets?view=mine", token));
    assertThat(mine.get("tickets")).extracting(t -> t.get("subject").asText())
        .containsExactlyInAnyOrder("One", "Two");
    assertThat(mine.get("counts").get("mine").asInt()).isEqualTo(2);
    assertThat(mine.get("counts").get("pending").asInt()).isEqualTo(2);
    assertThat(mine.get("counts").get("all").asInt()).isEqualTo(2);
    JsonNode filtered = expect(200, Http.get(node.http(),
        "/v1/tickets?view=all&status=closed", token));
    assertThat(filtered.get("tickets")).extracting(t -> t.get("subject").asText())
        .containsExactly("Three");
    Http.Reply bad = Http.get(node.http(), "/v1/tickets?status=lost", token);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("error").get("message").asText()).startsWith("status:");
  }
}
