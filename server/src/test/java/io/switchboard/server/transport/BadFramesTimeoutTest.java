package io.switchboard.server.transport;

import static io.switchboard.server.transport.BadFramesWire.FIN;
import static io.switchboard.server.transport.BadFramesWire.PONG;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * B7: clients that stall are closed by timeouts, on a node configured with short ones (handshake
 * 1 s, idle 3 s, ping every 1 s). Waits are bounded by the sockets' 20 s read timeout; nothing
 * here asserts a tight time.
 */
class BadFramesTimeoutTest {
  private static TestNode node;
  private static Fixtures fixtures;

  @BeforeAll
  static void startNode() throws Exception {
    node = TestNode.start(Map.of(
        "SWITCHBOARD_HANDSHAKE_TIMEOUT_SECONDS", "1",
        "SWITCHBOARD_IDLE_TIMEOUT_SECONDS", "3",
        "SWITCHBOARD_PING_INTERVAL_SECONDS", "1"));
    fixtures = Fixtures.create(node.node().database().jdbi());
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  private String token() throws Exception {
    return Http.visitorToken(node.http(), fixtures.siteKey);
  }

  @Test
  void aConnectionThatNeverSendsARequestIsClosed() throws Exception {
    try (BadFramesSocket socket = BadFramesSocket.connect(node.port())) {
      Duration open = socket.awaitServerClose();
      assertThat(open).isLessThan(Duration.ofSeconds(20));
    }
  }

  @Test
  void anUpgradeRequestTrickledByteByByteIsClosedAtTheHandshakeDeadline() throws Exception {
    // One byte every 200 ms keeps the connection from ever being idle for 3 s; only the
    // handshake deadline (1 s from accept to a complete request) can stop it.
    byte[] request = BadFramesWire.upgradeRequest("/v1/ws?token=" + token(),
        "X-Padding: " + "p".repeat(200));
    try (BadFramesSocket socket = BadFramesSocket.connect(node.port())) {
      assertThat(socket.sendSlowly(request, Duration.ofMillis(200)))
          .as("closed before the request was complete").isTrue();
    }
  }

  @Test
  void aWebSocketThatNeverSendsAFrameNorAnswersPingsIsClosedWith4000() throws Exception {
    try (BadFramesSocket socket = BadFramesSocket.upgrade(node.port(), token())) {
      int pings = 0;
      Integer closeCode = null;
      long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (closeCode == null && System.nanoTime() < giveUp) {
        BadFramesWire.Frame frame = socket.next();
        if (frame.opcode() == BadFramesWire.PING) {
          pings++;
        } else if (frame.opcode() == BadFramesWire.CLOSE) {
          closeCode = frame.closeCode();
        }
      }
      assertThat(closeCode).as("close code after %s unanswered pings", pings).isEqualTo(4000);
      assertThat(pings).as("pings the client left unanswered").isPositive();
    }
  }

  @Test
  void aWebSocketThatAnswersPingsOutlivesTheIdleTimeout() throws Exception {
    try (BadFramesSocket socket = BadFramesSocket.upgrade(node.port(), token())) {
      long until = System.nanoTime() + Duration.ofSeconds(7).toNanos();
      int pongs = 0;
      while (System.nanoTime() < until) {
        BadFramesWire.Frame frame = socket.next();
        assertThat(frame.opcode()).as("no close while pongs arrive").isNotEqualTo(BadFramesWire.CLOSE);
        if (frame.opcode() == BadFramesWire.PING) {
          socket.send(BadFramesWire.frame(FIN | PONG, frame.payload()));
          pongs++;
        }
      }
      assertThat(pongs).isGreaterThanOrEqualTo(3);
      socket.send(BadFramesWire.text("{\"type\":\"ping\",\"id\":\"alive\"}"));
      assertThat(socket.next("pong")).contains("\"id\":\"alive\"");
    }
  }

  @Test
  void aClientThatOnlyReceivesWhileTheServerWritesAllTheTimeIsPingedAndKept() throws Exception {
    // The agent writes every 250 ms, so the server is never idle on this connection; pings must
    // go out anyway, or the visitor, who only answers pings, would be closed at the idle timeout.
    try (BadFramesSocket visitor = BadFramesSocket.upgrade(node.port(), token());
        Participant agent = Participant.agent(node.http(), node.ws(), fixtures.addAgent(1))) {
      visitor.next("welcome");
      agent.client().setStatus("online").get();
      visitor.send(BadFramesWire.text("{\"type\":\"start\",\"id\":\"1\",\"queue\":\""
          + fixtures.queueId + "\",\"fields\":{\"name\":\"Ana\",\"email\":\"ana@example.com\"}}"));
      String conversationId = agent.await(ServerMessage.Assigned.class).conversationId();
      agent.client().accept(conversationId).get();

      long until = System.nanoTime() + Duration.ofSeconds(7).toNanos();
      long nextSend = System.nanoTime();
      int sent = 0;
      int pings = 0;
      int messages = 0;
      while (System.nanoTime() < until) {
        if (System.nanoTime() >= nextSend) {
          agent.client().send(conversationId, "update " + sent++);
          nextSend += Duration.ofMillis(250).toNanos();
        }
        BadFramesWire.Frame frame = visitor.next();
        assertThat(frame.opcode()).as("no close while the visitor answers pings")
            .isNotEqualTo(BadFramesWire.CLOSE);
        if (frame.opcode() == BadFramesWire.PING) {
          visitor.send(BadFramesWire.frame(FIN | PONG, frame.payload()));
          pings++;
        } else if (frame.opcode() == BadFramesWire.TEXT && frame.text().contains("\"message\"")) {
          messages++;
        }
      }
      assertThat(messages).as("the server kept writing").isGreaterThan(10);
      assertThat(pings).as("pings while the server was writing").isGreaterThanOrEqualTo(3);
      agent.client().close(conversationId, null).get();
    }
  }

  @Test
  void aClientThatPingsItselfMoreOftenThanTheIntervalIsNotPingedAndKept() throws Exception {
    try (BadFramesSocket visitor = BadFramesSocket.upgrade(node.port(), token())) {
      visitor.next("welcome");
      int serverPings = 0;
      int pongs = 0;
      for (int i = 0; i < 12; i++) { // 12 x 400 ms: almost five ping intervals of the server
        visitor.send(BadFramesWire.text("{\"type\":\"ping\",\"id\":\"p\"}"));
        while (true) {
          BadFramesWire.Frame frame = visitor.next();
          assertThat(frame.opcode()).as("no close while the visitor pings")
              .isNotEqualTo(BadFramesWire.CLOSE);
          if (frame.opcode() == BadFramesWire.PING) {
            serverPings++;
          } else if (frame.opcode() == BadFramesWire.TEXT && frame.text().contains("\"pong\"")) {
            pongs++;
            break;
          }
        }
        Thread.sleep(400);
      }
      assertThat(pongs).as("its pings were answered").isGreaterThanOrEqualTo(10);
      assertThat(serverPings).as("no server pings: the client is heard from every 400 ms")
          .isZero();
    }
  }
}
