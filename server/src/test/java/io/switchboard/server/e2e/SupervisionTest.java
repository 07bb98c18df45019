package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Cycles;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.RawSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A supervisor's tools on a live conversation of their team, over the WebSocket and REST: monitor
 * (read-only: following works, writing is refused), whisper (the agent gets it, the visitor
 * never), barge (the visitor is told who joined; the supervisor then writes and both sides get
 * it). Each is in the conversation's history and the audit log; agents may do none of it, and a
 * waiting or closed conversation cannot be joined; one moved out of the team stops receiving
 * what they monitored.
 */
class SupervisionTest extends NodeTest {

  @Test
  void aSupervisorMonitorsWhispersAndJoinsALiveConversation() throws Exception {
    Fixtures.Agent agentAccount = fixtures.addAgent(3);
    Fixtures.Agent supervisor = fixtures.addUser(Role.SUPERVISOR, 3);
    String admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 3));
    String supervisorToken = Http.agentToken(node.http(), supervisor);
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        Participant agent = Participant.agent(node.http(), node.ws(), agentAccount);
        RawSocket watcher = RawSocket.connect(node.ws(), supervisorToken)) {
      String conversationId = agent.serve(visitor, fixtures.queueId, Map.of("name", "Ines"));
      List<String> seen = new ArrayList<>();
      String fields = "\"conversationId\":\"" + conversationId + "\"";

      // Monitor: follow it (recorded once), and nothing can be written.
      watcher.sendText("{\"type\":\"resume\",\"id\":\"r1\"," + fields + ",\"lastSeq\":0}");
      until(watcher, seen, frame -> frame.contains("\"type\":\"resumed\""));
      watcher.sendText("{\"type\":\"resume\",\"id\":\"r2\"," + fields + ",\"lastSeq\":0}");
      until(watcher, seen, frame -> frame.contains("\"id\":\"r2\""));
      visitor.client().send(conversationId, "My order never arrived").get();
      until(watcher, seen, frame -> frame.contains("My order never arrived"));
      watcher.sendText("{\"type\":\"send\",\"id\":\"s1\"," + fields
          + ",\"clientMsgId\":\"" + UUID.randomUUID() + "\",\"text\":\"not yet\"}");
      assertThat(until(watcher, seen, frame -> frame.contains("\"id\":\"s1\"")))
          .contains("\"code\":\"forbidden\"");

      // Whisper: to the agent, never to the visitor.
      watcher.sendText("{\"type\":\"whisper\",\"id\":\"w1\"," + fields
          + ",\"text\":\"Offer a refund, it is our fault\"}");
      assertThat(until(watcher, seen, frame -> frame.contains("\"id\":\"w1\"")))
          .contains("\"type\":\"ok\"");
      ServerMessage.NoteAdded whisper = agent.await(ServerMessage.NoteAdded.class);
      assertThat(whisper.kind()).isEqualTo("whisper");
      assertThat(whisper.text()).isEqualTo("Offer a refund, it is our fault");
      assertThat(whisper.author().name()).isEqualTo(supervisor.name());

      // Barge: the visitor is told, then the supervisor writes like a participant.
      watcher.sendText("{\"type\":\"barge\",\"id\":\"b1\"," + fields + "}");
      assertThat(until(watcher, seen, frame -> frame.contains("\"id\":\"b1\"")))
          .contains("\"type\":\"ok\"");
      ServerMessage.AgentJoined joined = visitor.await(ServerMessage.AgentJoined.class,
          event -> event.agent().id().equals(supervisor.id().toString()), Duration.ofSeconds(10));
      assertThat(joined.agent().name()).isEqualTo(supervisor.name());
      watcher.sendText("{\"type\":\"send\",\"id\":\"s2\"," + fields
          + ",\"clientMsgId\":\"" + UUID.randomUUID() + "\",\"text\":\"I am the team lead; a refund is on its way\"}");
      assertThat(until(watcher, seen, frame -> frame.contains("\"id\":\"s2\"")))
          .contains("\"type\":\"ack\"");
      await().atMost(Duration.ofSeconds(10)).until(() ->
          visitor.messages(conversationId).stream().anyMatch(m -> m.text().contains("team lead"))
              && agent.messages(conversationId).stream().anyMatch(m -> m.text().contains("team lead")));
      assertThat(visitor.events()).as("no whisper reaches the visitor")
          .noneMatch(event -> event.toString().contains("Offer a refund"));

      List<String> history = new ArrayList<>();
      Http.get(node.http(), "/v1/conversations/" + conversationId + "/history", supervisorToken)
          .body().forEach(entry -> history.add(entry.get("kind").asText()));
      assertThat(history).containsSubsequence("assigned", "monitored", "whispered", "joined");
      assertThat(history.stream().filter("monitored"::equals)).as("monitoring recorded once")
          .hasSize(1);
      JsonNode notes = Http.get(node.http(), "/v1/conversations/" + conversationId + "/notes",
          Http.agentToken(node.http(), agentAccount)).body();
      assertThat(notes.get(0).get("kind").asText()).isEqualTo("whisper");
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Http.get(node.http(),
          "/v1/admin/audit?targetId=" + conversationId, admin).body().findValuesAsText("action"))
          .contains("conversation.monitor", "conversation.whisper", "conversation.barge"));

      // What a supervisor changes over the WebSocket is audited like a REST write.
      watcher.sendText("{\"type\":\"note\",\"id\":\"n1\"," + fields + ",\"text\":\"done\"}");
      until(watcher, seen, frame -> frame.contains("\"id\":\"n1\""));
      watcher.sendText("{\"type\":\"close\",\"id\":\"c1\"," + fields
          + ",\"disposition\":\"refunded\"}");
      assertThat(until(watcher, seen, frame -> frame.contains("\"id\":\"c1\"")))
          .contains("\"type\":\"ok\"");
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Http.get(node.http(),
          "/v1/admin/audit?targetId=" + conversationId, admin).body().findValuesAsText("action"))
          .contains("ws note", "ws close"));
      assertThat(Http.get(node.http(), "/v1/admin/audit?targetId=" + conversationId
          + "&action=ws%20close", admin).body().get(0).get("after").asText())
          .contains("refunded");
    }
  }

  @Test
  void overRestASupervisorListsLiveConversationsWhispersAndJoinsAndAgentsMayNot()
      throws Exception {
    Fixtures.Agent agentAccount = fixtures.addAgent(3);
    Fixtures.Agent supervisorAccount = fixtures.addUser(Role.SUPERVISOR, 3);
    String supervisor = Http.agentToken(node.http(), supervisorAccount);
    String otherAgent = Http.agentToken(node.http(), fixtures.addAgent(3));
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        Participant agent = Participant.agent(node.http(), node.ws(), agentAccount)) {
      String conversationId = agent.serve(visitor, fixtures.queueId, Map.of("name", "Ines"));
      String path = "/v1/conversations/" + conversationId;

      assertThat(Http.get(node.http(), "/v1/live-conversations", supervisor).body()
          .findValuesAsText("conversationId")).contains(conversationId);
      assertThat(Http.get(node.http(), "/v1/live-conversations", otherAgent).status())
          .isEqualTo(403);
      assertThat(Http.call("POST", node.http(), path + "/whisper", otherAgent,
          "{\"text\":\"psst\"}").status()).isEqualTo(403);
      assertThat(Http.call("POST", node.http(), path + "/barge", otherAgent, "{}").status())
          .isEqualTo(403);
      assertThat(Http.call("POST", node.http(), path + "/whisper", supervisor, "{}").status())
          .isEqualTo(400);

      Http.Reply whisper = Http.call("POST", node.http(), path + "/whisper", supervisor,
          "{\"text\":\"Check the order number first\"}");
      assertThat(whisper.status()).isEqualTo(201);
      assertThat(agent.await(ServerMessage.NoteAdded.class).kind()).isEqualTo("whisper");
      assertThat(Http.call("POST", node.http(), path + "/barge", supervisor, "{}").status())
          .isEqualTo(200);
      assertThat(Http.call("POST", node.http(), path + "/barge", supervisor, "{}").status())
          .as("joining again changes nothing").isEqualTo(200);
      await().atMost(Duration.ofSeconds(10)).until(() -> visitor.events().stream()
          .filter(ServerMessage.AgentJoined.class::isInstance).count() == 2);
      JsonNode live = Http.get(node.http(), "/v1/live-conversations", supervisor).body();
      JsonNode entry = null;
      for (JsonNode each : live) {
        if (each.get("conversationId").asText().equals(conversationId)) {
          entry = each;
        }
      }
      assertThat(entry).isNotNull();
      assertThat(entry.get("participants").toString())
          .isEqualTo("[\"" + supervisorAccount.id() + "\"]");
      assertThat(entry.get("agent").get("name").asText()).isEqualTo(agentAccount.name());

      agent.client().close(conversationId, "solved").get();
      Http.Reply closed = Http.call("POST", node.http(), path + "/barge", supervisor, "{}");
      assertThat(closed.status()).isEqualTo(409);
      assertThat(closed.body().get("error").get("code").asText())
          .isEqualTo("conversation_closed");
    }
    try (Participant waiting = Participant.visitor(node.http(), node.ws(), fixtures.siteKey)) {
      String queued = waiting.client().start(fixtures.queueId, Map.of()).get().conversationId();
      Http.Reply refused = Http.call("POST", node.http(),
          "/v1/conversations/" + queued + "/barge", supervisor, "{}");
      assertThat(refused.status()).as("a waiting conversation is assigned, not joined")
          .isEqualTo(409);
      waiting.client().close(queued, null).get();
    }
  }

  @Test
  void aSupervisorMovedOutOfTheTeamStopsReceivingTheConversationItMonitored() throws Exception {
    Fixtures.Agent agentAccount = fixtures.addAgent(3);
    Fixtures.Agent supervisor = fixtures.addUser(Role.SUPERVISOR, 3);
    String admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 3));
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        Participant agent = Participant.agent(node.http(), node.ws(), agentAccount);
        RawSocket watcher = RawSocket.connect(node.ws(),
            Http.agentToken(node.http(), supervisor))) {
      String conversationId = agent.serve(visitor, fixtures.queueId, Map.of("name", "Ines"));
      List<String> seen = new ArrayList<>();
      watcher.sendText("{\"type\":\"resume\",\"id\":\"r\",\"conversationId\":\""
          + conversationId + "\",\"lastSeq\":0}");
      until(watcher, seen, frame -> frame.contains("\"type\":\"resumed\""));
      visitor.client().send(conversationId, "Before the move").get();
      until(watcher, seen, frame -> frame.contains("Before the move"));

      List<String> others = new ArrayList<>();
      for (JsonNode team : Http.get(node.http(), "/v1/teams", admin).body()) {
        if (team.get("id").asText().equals(fixtures.teamId)) {
          team.get("members").forEach(member -> {
            if (!member.asText().equals(supervisor.id().toString())) {
              others.add("\"" + member.asText() + "\"");
            }
          });
        }
      }
      assertThat(Http.call("PUT", node.http(), "/v1/admin/teams/" + fixtures.teamId, admin,
          "{\"members\":[" + String.join(",", others) + "]}").status()).isEqualTo(200);
      Cycles.awaitWholeCycle(node.node().revocationSweepCycles());

      visitor.client().send(conversationId, "After the move").get();
      await().atMost(Duration.ofSeconds(10)).until(() -> agent.messages(conversationId).stream()
          .anyMatch(m -> m.text().equals("After the move")));
      watcher.sendText("{\"type\":\"ping\",\"id\":\"p\"}");
      until(watcher, seen, frame -> frame.contains("\"type\":\"pong\""));
      assertThat(seen).noneMatch(frame -> frame.contains("After the move"));
      watcher.sendText("{\"type\":\"whisper\",\"id\":\"w\",\"conversationId\":\""
          + conversationId + "\",\"text\":\"still here?\"}");
      assertThat(until(watcher, seen, frame -> frame.contains("\"id\":\"w\"")))
          .contains("\"code\":\"forbidden\"");
    }
  }

  /** Reads frames into {@code seen} until one matches, looking at those already seen first. */
  private static String until(RawSocket socket, List<String> seen, Predicate<String> match)
      throws InterruptedException {
    for (String frame : seen) {
      if (match.test(frame)) {
        return frame;
      }
    }
    while (true) {
      String frame = socket.next();
      seen.add(frame);
      if (match.test(frame)) {
        return frame;
      }
    }
  }
}
