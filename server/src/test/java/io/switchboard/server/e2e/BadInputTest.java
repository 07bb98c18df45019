package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.RawSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear answer through a live socket, and the connection survives it. */
class BadInputTest extends NodeTest {


  private RawSocket visitor() throws Exception {
    RawSocket socket = RawSocket.connect(node.ws(), Http.visitorToken(node.http(), fixtures.siteKey));
    assertThat(socket.next()).contains("\"type\":\"welcome\"");
    return socket;
  }

  @Test
  void handshakeWithoutOrWithBadTokenIs401BeforeUpgrade() {
    for (URI uri : new URI[] {node.ws(), URI.create(node.ws() + "?token=sbv1.forged.sig"),
        URI.create(node.ws() + "?token=sba1.unknown")}) {
      assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
              .buildAsync(uri, new WebSocket.Listener() {}).join())
          .isInstanceOf(CompletionException.class)
          .cause().isInstanceOf(WebSocketHandshakeException.class)
          .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode())
              .isEqualTo(401));
    }
  }

  @Test
  void malformedUnknownAndMissingFieldsAreNamedAndTheConnectionStaysUp() throws Exception {
    try (RawSocket socket = visitor()) {
      socket.sendText("{\"type\":\"send\",");
      assertThat(socket.next("error")).contains("\"code\":\"bad_request\"").contains("malformed JSON");
      socket.sendText("{\"type\":\"fly\",\"id\":\"7\"}");
      assertThat(socket.next("error")).contains("\"id\":\"7\"").contains("unknown_type")
          .contains("fly");
      socket.sendText("{\"type\":\"send\",\"id\":\"8\",\"conversationId\":\"x\",\"text\":\"hi\"}");
      assertThat(socket.next("error")).contains("invalid_field").contains("clientMsgId: required");
      socket.sendText("{\"type\":\"resume\",\"id\":\"9\",\"conversationId\":\"x\",\"lastSeq\":\"4\"}");
      assertThat(socket.next("error")).contains("invalid_field").contains("lastSeq");
      socket.sendText("{\"type\":\"ping\",\"id\":\"10\"}");
      assertThat(socket.next("pong")).contains("\"id\":\"10\"");
    }
  }

  @Test
  void frameOverTheLimitIsClosedWith1009() throws Exception {
    try (RawSocket socket = visitor()) {
      socket.sendText("{\"type\":\"ping\",\"id\":\"" + "x".repeat(70_000) + "\"}");
      assertThat(socket.closeCode()).isEqualTo(1009);
    }
  }

  @Test
  void binaryFrameIsClosedWith1003() throws Exception {
    try (RawSocket socket = visitor()) {
      socket.sendBinary(new byte[] {1, 2, 3});
      assertThat(socket.closeCode()).isEqualTo(1003);
    }
  }

  @Test
  void commandsTheRoleMayNotIssueAreRefused() throws Exception {
    try (RawSocket owner = visitor(); RawSocket stranger = visitor()) {
      owner.sendText("{\"type\":\"start\",\"id\":\"1\"}");
      String started = owner.next("started");
      String conversationId = started.replaceAll(".*\"conversationId\":\"([^\"]+)\".*", "$1");

      stranger.sendText("{\"type\":\"send\",\"id\":\"2\",\"conversationId\":\"" + conversationId
          + "\",\"clientMsgId\":\"m1\",\"text\":\"not mine\"}");
      assertThat(stranger.next("error")).contains("\"id\":\"2\"").contains("forbidden");
      stranger.sendText("{\"type\":\"close\",\"id\":\"3\",\"conversationId\":\"" + conversationId + "\"}");
      assertThat(stranger.next("error")).contains("\"id\":\"3\"").contains("forbidden");
      stranger.sendText("{\"type\":\"resume\",\"id\":\"4\",\"conversationId\":\"" + conversationId
          + "\",\"lastSeq\":0}");
      assertThat(stranger.next("error")).contains("\"id\":\"4\"").contains("forbidden");
      stranger.sendText("{\"type\":\"status\",\"id\":\"5\",\"status\":\"online\"}");
      assertThat(stranger.next("error")).contains("\"id\":\"5\"").contains("forbidden");

      owner.sendText("{\"type\":\"send\",\"id\":\"6\",\"conversationId\":\"" + conversationId
          + "\",\"clientMsgId\":\"m2\",\"text\":\"" + "y".repeat(8001) + "\"}");
      assertThat(owner.next("error")).contains("\"id\":\"6\"").contains("too_large");
    }
  }

  @Test
  void agentMayNotStartAndUnknownLoginIs401() throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(1);
    try (RawSocket socket = RawSocket.connect(node.ws(), Http.agentToken(node.http(), agent))) {
      assertThat(socket.next()).contains("\"type\":\"welcome\"").contains("\"role\":\"agent\"");
      socket.sendText("{\"type\":\"start\",\"id\":\"1\"}");
      assertThat(socket.next("error")).contains("forbidden");
    }
    Http.Reply reply = Http.post(node.http(), "/v1/agents/login",
        "{\"email\":\"" + agent.email() + "\",\"password\":\"wrong\"}");
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.body().get("error").get("code").asText()).isEqualTo("unauthorized");
    assertThat(Http.post(node.http(), "/v1/visitors", "{\"siteKey\":\"nope\"}").status())
        .isEqualTo(404);
    assertThat(Http.post(node.http(), "/v1/visitors", "not json").status()).isEqualTo(400);
  }
  @Test
  void aSupervisorMayReadAnyConversationButNotWriteInOneNotAssignedToThem() throws Exception {
    Fixtures.Agent supervisor = fixtures.addUser(io.switchboard.server.access.Role.SUPERVISOR, 1);
    try (RawSocket owner = visitor();
        RawSocket watcher = RawSocket.connect(node.ws(), Http.agentToken(node.http(), supervisor))) {
      watcher.next("welcome");
      owner.sendText("{\"type\":\"start\",\"id\":\"1\"}");
      String conversationId = owner.next("started")
          .replaceAll(".*\"conversationId\":\"([^\"]+)\".*", "$1");
      watcher.sendText("{\"type\":\"resume\",\"id\":\"2\",\"conversationId\":\""
          + conversationId + "\",\"lastSeq\":0}");
      assertThat(watcher.next("resumed")).contains("\"id\":\"2\"");
      watcher.sendText("{\"type\":\"typing\",\"id\":\"3\",\"conversationId\":\""
          + conversationId + "\",\"active\":true}");
      assertThat(watcher.next("error")).contains("\"id\":\"3\"").contains("forbidden");
      watcher.sendText("{\"type\":\"send\",\"id\":\"4\",\"conversationId\":\""
          + conversationId + "\",\"clientMsgId\":\"s1\",\"text\":\"hello\"}");
      assertThat(watcher.next("error")).contains("\"id\":\"4\"").contains("forbidden");
    }
  }
}
