package io.switchboard.sdk;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ProtocolCodec;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.sdk.FakeTransport.FakeConnection;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Builds clients on a {@link FakeTransport} and the server messages that tests play back.
 *
 * <p>Thread-safe: stateless.
 */
final class FakeServer {
  static final Instant AT = Instant.parse("2026-11-22T09:30:00Z");
  static final Duration QUIET = Duration.ofMillis(150);

  private FakeServer() {}

  /** A client with fast backoff and no heartbeat, recording into {@code listener}. */
  static ChatClient client(FakeTransport transport, RecordingListener listener,
      Duration requestTimeout) {
    return ChatClient.builder(URI.create("ws://switchboard.test/v1/ws"))
        .transport(transport)
        .listener(listener)
        .clientLog(listener)
        .reconnectBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
        .requestTimeout(requestTimeout)
        .heartbeatInterval(Duration.ZERO)
        .build();
  }

  /** Connects and answers the upgrade with a welcome listing {@code conversations}. */
  static FakeConnection connectAndWelcome(ChatClient client, FakeTransport transport,
      ServerMessage.ConversationState... conversations) throws Exception {
    CompletableFuture<ServerMessage.Welcome> connecting = client.connect();
    FakeConnection connection = transport.awaitConnection();
    connection.reply(welcome(conversations));
    assertThat(connecting.get(5, SECONDS).userId()).isEqualTo("v1");
    return connection;
  }

  /** A welcome at the protocol's current feature level. */
  static ServerMessage.Welcome welcome(ServerMessage.ConversationState... conversations) {
    return welcome(ProtocolCodec.FEATURE_LEVEL, conversations);
  }

  static ServerMessage.Welcome welcome(int featureLevel,
      ServerMessage.ConversationState... conversations) {
    return new ServerMessage.Welcome("visitor", "v1", null, featureLevel, AT,
        List.of(conversations));
  }

  static ServerMessage.ConversationState conversation(String conversationId, long lastSeq) {
    return new ServerMessage.ConversationState(conversationId, "active", "support", lastSeq, null);
  }

  static ServerMessage.Message message(String conversationId, long seq) {
    return message(conversationId, seq, "other-" + seq);
  }

  static ServerMessage.Message message(String conversationId, long seq, String clientMsgId) {
    return new ServerMessage.Message(conversationId, seq, clientMsgId,
        new ServerMessage.Participant("agent", "a1", "Ann"), "text " + seq, AT);
  }

  static ServerMessage.Ack ack(ClientMessage.Send send, long seq) {
    return new ServerMessage.Ack(send.id(), send.conversationId(), send.clientMsgId(), seq, AT);
  }

  static ServerMessage.Resumed resumed(ClientMessage.Resume resume, long lastSeq, boolean more) {
    return new ServerMessage.Resumed(resume.id(), resume.conversationId(), "active", lastSeq, more);
  }
}
