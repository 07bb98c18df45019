package io.switchboard.server.ticket;

import static io.switchboard.server.testing.Tickets.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A live chat's SLA clocks, from the same engine as tickets: the first response runs from the
 * start against the contract's minute and stops at the agent's first message; each later visitor
 * message starts a next-response cycle of two minutes; closing the chat cancels what is open.
 */
class ChatSlaTest extends NodeTest {

  @Test
  void aChatHasFirstAndNextResponseClocks() throws Exception {
    Fixtures.Agent account = fixtures.addAgent(2);
    String token = Http.agentToken(node.http(), account);
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        Participant agent = Participant.agent(node.http(), node.ws(), account)) {
      String chat = visitor.client().start(fixtures.queueId, Map.of()).get().conversationId();
      agent.client().setStatus("online").get();
      agent.await(ServerMessage.Assigned.class);
      agent.client().accept(chat).get();

      JsonNode waiting = sla(chat, token);
      assertThat(waiting.get("policy").get("name").asText()).isEqualTo("Contract default");
      JsonNode first = only(waiting, "first_response");
      assertThat(first.get("targetSeconds").asLong()).isEqualTo(60);
      assertThat(Instant.parse(first.get("deadline").asText())).isEqualTo(
          Instant.parse(first.get("startedAt").asText()).plusSeconds(60));

      visitor.client().send(chat, "Hello?").get();
      agent.client().send(chat, "Hi, how can I help?").get();
      JsonNode answered = only(sla(chat, token), "first_response");
      assertThat(answered.get("state").asText()).isIn("met", "breached");
      assertThat(answered.get("stoppedAt").isNull()).isFalse();

      visitor.client().send(chat, "My order is late").get();
      JsonNode next = only(sla(chat, token), "next_response");
      assertThat(next.get("cycle").asInt()).isEqualTo(1);
      assertThat(next.get("targetSeconds").asLong()).isEqualTo(120);
      assertThat(next.get("state").asText()).isEqualTo("running");
      agent.client().send(chat, "Let me check").get();
      visitor.client().send(chat, "Thanks").get();
      agent.client().close(chat, "resolved").get();
      List<String> cycles = new ArrayList<>();
      sla(chat, token).get("clocks").forEach(clock -> {
        if (clock.get("metric").asText().equals("next_response")) {
          cycles.add(clock.get("cycle").asInt() + ":" + clock.get("state").asText());
        }
      });
      assertThat(cycles).containsExactly("1:met", "2:cancelled");
      agent.client().setStatus("offline").get();
    }
    Fixtures.Agent stranger = Fixtures.create(node.node().database().jdbi()).addAgent(1);
    assertThat(Http.get(node.http(), "/v1/conversations/" + java.util.UUID.randomUUID() + "/sla",
        Http.agentToken(node.http(), stranger)).status()).isEqualTo(404);
  }

  private static JsonNode sla(String chat, String token) throws Exception {
    return expect(200, Http.get(node.http(), "/v1/conversations/" + chat + "/sla", token));
  }

  private static JsonNode only(JsonNode sla, String metric) {
    JsonNode found = null;
    for (JsonNode clock : sla.get("clocks")) {
      if (clock.get("metric").asText().equals(metric)) {
        found = clock;
      }
    }
    assertThat(found).as(metric + " in " + sla).isNotNull();
    return found;
  }
}
