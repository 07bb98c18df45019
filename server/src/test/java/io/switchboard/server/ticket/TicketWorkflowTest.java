package io.switchboard.server.ticket;

import static io.switchboard.server.testing.Tickets.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Tickets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ticket workflow over REST: every move of the table in PROTOCOL.md 3.7 tried from every
 * status, allowed or refused as the table says (the table is written out here, not taken from
 * the server); replies that open, requester replies that reopen, a closed ticket that takes
 * nothing, and the history that records each move with its actor.
 */
class TicketWorkflowTest extends NodeTest {
  private static final List<String> STATUSES =
      List.of("new", "open", "pending", "on_hold", "solved", "closed");
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "new", Set.of("open", "pending", "on_hold", "solved"),
      "open", Set.of("pending", "on_hold", "solved"),
      "pending", Set.of("open", "on_hold", "solved"),
      "on_hold", Set.of("open", "pending", "solved"),
      "solved", Set.of("open", "closed"),
      "closed", Set.of());
  /** How to bring a new ticket to each status. */
  private static final Map<String, List<String>> PATH = Map.of(
      "new", List.of(), "open", List.of("open"), "pending", List.of("pending"),
      "on_hold", List.of("on_hold"), "solved", List.of("solved"),
      "closed", List.of("solved", "closed"));

  private static String token;

  @BeforeAll
  static void login() throws Exception {
    token = Http.agentToken(node.http(), fixtures.addAgent(3));
  }

  @Test
  void everyMoveOfTheTableIsAllowedOrRefusedAsItSays() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (String from : STATUSES) {
      for (String to : STATUSES) {
        String id = ticketIn(from);
        Http.Reply reply = Tickets.status(node.http(), token, id, to);
        boolean allowed = ALLOWED.get(from).contains(to);
        if (allowed != (reply.status() == 200)) {
          wrong.add(from + " -> " + to + ": " + reply.status() + " " + reply.body());
        }
        if (!allowed && reply.status() == 409) {
          assertThat(reply.body().get("error").get("message").asText())
              .contains(from).contains(to);
        }
        String now = Tickets.read(node.http(), token, id).get("status").asText();
        assertThat(now).as(from + " -> " + to).isEqualTo(allowed ? to : from);
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void repliesOpenRequesterRepliesReopenAndAClosedTicketTakesNothing() throws Exception {
    String visitor = Http.visitorToken(node.http(), fixtures.siteKey);
    JsonNode created = expect(201, Http.call("POST", node.http(), "/v1/tickets", visitor,
        "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"message\":\"Printer on fire\\nsend help\"}"));
    String id = created.get("ticketId").asText();
    JsonNode ticket = Tickets.read(node.http(), token, id);
    assertThat(ticket.get("subject").asText()).isEqualTo("Printer on fire");
    assertThat(ticket.get("channel").asText()).isEqualTo("web_form");
    assertThat(ticket.get("number").asLong()).isEqualTo(created.get("number").asLong());
    assertThat(ticket.get("queue").asText()).isEqualTo(fixtures.queueId);

    // An agent's reply opens a new ticket; a note stays internal.
    expect(201, Tickets.call(node.http(), token, "POST", id, "/replies",
        "{\"text\":\"We are on it\"}"));
    expect(201, Tickets.call(node.http(), token, "POST", id, "/notes",
        "{\"text\":\"Call the fire brigade\"}"));
    assertThat(Tickets.read(node.http(), token, id).get("status").asText()).isEqualTo("open");
    JsonNode own = expect(200, Http.get(node.http(), "/v1/visitor/tickets/" + id, visitor));
    assertThat(own.get("entries")).extracting(e -> e.get("body").asText())
        .containsExactly("Printer on fire\nsend help", "We are on it");

    // Pending, then the requester answers: open again. Solved, the requester answers: open.
    expect(200, Tickets.status(node.http(), token, id, "pending"));
    expect(201, Http.call("POST", node.http(), "/v1/visitor/tickets/" + id + "/replies", visitor,
        "{\"text\":\"Still burning\"}"));
    assertThat(Tickets.read(node.http(), token, id).get("status").asText()).isEqualTo("open");
    expect(201, Tickets.call(node.http(), token, "POST", id, "/replies",
        "{\"text\":\"Replaced the printer\",\"proposedSolution\":true,\"status\":\"solved\"}"));
    assertThat(Tickets.read(node.http(), token, id).get("status").asText()).isEqualTo("solved");
    expect(201, Http.call("POST", node.http(), "/v1/visitor/tickets/" + id + "/replies", visitor,
        "{\"text\":\"The new one burns too\"}"));
    assertThat(Tickets.read(node.http(), token, id).get("status").asText()).isEqualTo("open");

    // Closed is final: no entries, no changes, from staff or requester.
    expect(200, Tickets.status(node.http(), token, id, "solved"));
    expect(200, Tickets.status(node.http(), token, id, "closed"));
    assertThat(Tickets.call(node.http(), token, "POST", id, "/replies", "{\"text\":\"x\"}")
        .status()).isEqualTo(409);
    assertThat(Tickets.call(node.http(), token, "PUT", id, "", "{\"priority\":\"high\"}")
        .status()).isEqualTo(409);
    assertThat(Http.call("POST", node.http(), "/v1/visitor/tickets/" + id + "/replies", visitor,
        "{\"text\":\"Hello?\"}").status()).isEqualTo(409);

    // The history names every move with its actor.
    JsonNode history = Tickets.read(node.http(), token, id).get("history");
    List<String> moves = new ArrayList<>();
    history.forEach(event -> {
      if (event.get("kind").asText().equals("status")) {
        moves.add(event.get("detail").get("from").asText() + ">"
            + event.get("detail").get("to").asText());
      }
      assertThat(event.get("actor").get("id").asText()).isNotBlank();
      assertThat(event.get("at").asText()).isNotBlank();
    });
    assertThat(moves).containsExactly("new>open", "open>pending", "pending>open", "open>solved",
        "solved>open", "open>solved", "solved>closed");
    // The requester does not see internal notes; staff see everything.
    JsonNode entries = Tickets.read(node.http(), token, id).get("entries");
    assertThat(entries).extracting(e -> e.get("kind").asText())
        .containsExactly("customer", "reply", "note", "customer", "reply", "customer");
  }

  @Test
  void aTicketOfAnotherTeamIsNotFoundAndOnlySupervisorsAssignOthers() throws Exception {
    String id = Tickets.open(node.http(), token, fixtures.queueId, "Team ticket").get("id")
        .asText();
    Fixtures other = Fixtures.create(node.node().database().jdbi());
    String outsider = Http.agentToken(node.http(), other.addAgent(2));
    assertThat(Http.get(node.http(), "/v1/tickets/" + id, outsider).status()).isEqualTo(404);
    assertThat(Tickets.status(node.http(), outsider, id, "open").status()).isEqualTo(404);

    Fixtures.Agent colleague = fixtures.addAgent(2);
    assertThat(Tickets.call(node.http(), token, "PUT", id, "",
        "{\"assignee\":\"" + colleague.id() + "\"}").status()).isEqualTo(403);
    String supervisor = Http.agentToken(node.http(), fixtures.addUser(Role.SUPERVISOR, 2));
    JsonNode assigned = expect(200, Tickets.call(node.http(), supervisor, "PUT", id, "",
        "{\"assignee\":\"" + colleague.id() + "\"}"));
    assertThat(assigned.get("assignee").get("id").asText()).isEqualTo(colleague.id().toString());
    assertThat(Tickets.call(node.http(), token, "POST", id, "/take", null).status())
        .isEqualTo(409);
    String colleagueToken = Http.agentToken(node.http(), colleague);
    expect(200, Tickets.call(node.http(), colleagueToken, "PUT", id, "", "{\"assignee\":null}"));
    JsonNode taken = expect(200, Tickets.call(node.http(), token, "POST", id, "/take", null));
    assertThat(taken.get("assignee").get("name").asText()).isNotBlank();
  }

  /** A fresh ticket brought to {@code status} through allowed moves. */
  private static String ticketIn(String status) throws Exception {
    String id = Tickets.open(node.http(), token, fixtures.queueId, "Walk to " + status)
        .get("id").asText();
    for (String step : PATH.get(status)) {
      expect(200, Tickets.status(node.http(), token, id, step));
    }
    return id;
  }
}
