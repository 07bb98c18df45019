package io.switchboard.sdk;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolCodec;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.sdk.RawWebSocketServer.Peer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs a {@link ChatClient} on the real JDK WebSocket against {@link RawWebSocketServer}: the
 * handshake, frames that arrive in parts, commands on the wire, refused tokens and close codes.
 */
class WebSocketTransportTest {
  private static final String TOKEN = "visitor token/+=";

  private final ProtocolCodec codec = new ProtocolCodec();
  private final RecordingListener listener = new RecordingListener();
  private final RawWebSocketServer server;
  private final ChatClient client;

  WebSocketTransportTest() throws Exception {
    server = new RawWebSocketServer();
    client = ChatClient.builder(server.uri())
        .token(TOKEN)
        .listener(listener)
        .reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(20))
        .requestTimeout(Duration.ofSeconds(3))
        .heartbeatInterval(Duration.ZERO)
        .build();
  }

  @AfterEach
  void shutDown() throws Exception {
    client.close();
    server.close();
  }

  @Test
  void handshakeCarriesTokenAndSubprotocolAndFramesInPartsAreReassembled() throws Exception {
    CompletableFuture<ServerMessage.Welcome> connecting = client.connect();
    Peer peer = server.accept();
    assertThat(peer.requestLine).startsWith("GET /v1/ws?token=visitor+token%2F%2B%3D ");
    assertThat(peer.headers.get("sec-websocket-protocol")).isEqualTo(ProtocolCodec.SUBPROTOCOL);
    peer.upgrade(ProtocolCodec.SUBPROTOCOL);

    String welcome = codec.encode(new ServerMessage.Welcome(
        "visitor", "v1", "Ada", 1, FakeServer.AT, List.of()));
    peer.sendText(welcome, 3);
    assertThat(connecting.get(5, SECONDS).name()).isEqualTo("Ada");

    CompletableFuture<ServerMessage.Pong> pinging = client.ping();
    CompletableFuture<ServerMessage.Ack> sending = client.send("c1", "m1", "hello");
    ClientMessage ping = codec.decodeClient(peer.readText());
    ClientMessage.Send send = (ClientMessage.Send) codec.decodeClient(peer.readText());
    assertThat(ping).isInstanceOf(ClientMessage.Ping.class);
    assertThat(send.clientMsgId()).isEqualTo("m1");
    peer.sendText(codec.encode(new ServerMessage.Pong(ping.id(), FakeServer.AT)), 1);
    peer.sendText(codec.encode(FakeServer.ack(send, 1)), 2);
    assertThat(pinging.get(5, SECONDS).id()).isEqualTo(ping.id());
    assertThat(sending.get(5, SECONDS).seq()).isEqualTo(1);
  }

  @Test
  void aRefusedTokenClosesTheClientWithoutRetrying() throws Exception {
    CompletableFuture<ServerMessage.Welcome> connecting = client.connect();
    server.accept().refuse(401, "Unauthorized");

    assertThatThrownBy(() -> connecting.get(5, SECONDS))
        .cause().isInstanceOf(ChatException.class)
        .satisfies(e -> assertThat(((ChatException) e).code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
    assertThat(server.quietFor(300)).isTrue();
  }

  @Test
  void goingAwayReconnectsAndAuthRevokedDoesNot() throws Exception {
    CompletableFuture<ServerMessage.Welcome> connecting = client.connect();
    Peer first = server.accept();
    first.upgrade(ProtocolCodec.SUBPROTOCOL);
    first.sendText(codec.encode(FakeServer.welcome()), 1);
    connecting.get(5, SECONDS);

    first.sendClose(1001, "restarting");
    Peer second = server.accept();
    second.upgrade(ProtocolCodec.SUBPROTOCOL);
    second.sendText(codec.encode(FakeServer.welcome()), 1);
    second.sendClose(4001, "token revoked");

    List<String> states = new ArrayList<>();
    do {
      states.add(listener.nextState());
    } while (!states.getLast().startsWith("CLOSED"));
    assertThat(states).containsExactly(
        "CONNECTING", "OPEN", "RECONNECTING: connection lost: GOING_AWAY (1001): restarting",
        "OPEN", "CLOSED: closed by server: AUTH_REVOKED (4001): token revoked");
    assertThat(server.quietFor(300)).isTrue();
  }
}
