package io.switchboard.sdk;

import static io.switchboard.sdk.FakeServer.QUIET;
import static io.switchboard.sdk.FakeServer.ack;
import static io.switchboard.sdk.FakeServer.conversation;
import static io.switchboard.sdk.FakeServer.message;
import static io.switchboard.sdk.FakeServer.resumed;
import static io.switchboard.sdk.FakeServer.welcome;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.sdk.FakeTransport.FakeConnection;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Drives a {@link ChatClient} against {@link FakeTransport} through lost connections: the outbox
 * is resent in order with the same clientMsgIds after resuming, temporary errors are retried,
 * and closes that forbid reconnecting end the client.
 */
class ChatClientReconnectTest {
  private final FakeTransport transport = new FakeTransport();
  private final RecordingListener listener = new RecordingListener();
  private final ChatClient client = FakeServer.client(transport, listener, Duration.ofSeconds(2));

  @AfterEach
  void closeClient() {
    client.close();
  }

  private FakeConnection connectAndWelcome(ServerMessage.ConversationState... conversations)
      throws Exception {
    return FakeServer.connectAndWelcome(client, transport, conversations);
  }

  @Test
  void afterReconnectTheClientResumesThenResendsTheOutboxWithTheSameClientMsgIds()
      throws Exception {
    FakeConnection first = connectAndWelcome(conversation("c1", 0));
    first.reply(resumed(first.expect(ClientMessage.Resume.class), 0, false));

    CompletableFuture<ServerMessage.Ack> one = client.send("c1", "m1", "hello");
    CompletableFuture<ServerMessage.Ack> two = client.send("c1", "m2", "anyone there?");
    ClientMessage.Send sendOne = first.expect(ClientMessage.Send.class);
    assertThat(sendOne.clientMsgId()).isEqualTo("m1");
    first.assertQuietFor(QUIET);
    first.reply(ack(sendOne, 1));
    first.reply(message("c1", 1, "m1"));
    ClientMessage.Send sendTwo = first.expect(ClientMessage.Send.class);
    assertThat(sendTwo.clientMsgId()).isEqualTo("m2");

    first.closeFromServer(1001, "restarting");
    CompletableFuture<ServerMessage.Ack> three = client.send("c1", "m3", "still there?");
    assertThat(client.pendingCount()).isEqualTo(2);

    FakeConnection second = transport.awaitConnection();
    second.reply(welcome(conversation("c1", 2)));
    ClientMessage.Resume resume = second.expect(ClientMessage.Resume.class);
    assertThat(resume.lastSeq()).isEqualTo(1);
    ClientMessage.Send resendTwo = second.expect(ClientMessage.Send.class);
    assertThat(resendTwo.clientMsgId()).isEqualTo("m2");
    assertThat(resendTwo.id()).isNotEqualTo(sendTwo.id());
    second.reply(message("c1", 2, "m2"));
    second.reply(resumed(resume, 2, false));
    second.reply(ack(resendTwo, 2));
    ClientMessage.Send sendThree = second.expect(ClientMessage.Send.class);
    assertThat(sendThree.clientMsgId()).isEqualTo("m3");
    second.reply(ack(sendThree, 3));
    second.reply(ack(sendOne, 1));

    assertThat(one.get(5, SECONDS).seq()).isEqualTo(1);
    assertThat(two.get(5, SECONDS).seq()).isEqualTo(2);
    assertThat(three.get(5, SECONDS).seq()).isEqualTo(3);
    assertThat(client.pendingCount()).isZero();
    assertThat(listener.nextState()).isEqualTo("CONNECTING");
    assertThat(listener.nextState()).isEqualTo("OPEN");
    assertThat(listener.nextState()).startsWith("RECONNECTING: connection lost: GOING_AWAY (1001)");
    assertThat(listener.nextState()).isEqualTo("OPEN");
    assertThat(listener.log).containsExactly(
        "sent c1 m1", "acked c1 m1 1", "sent c1 m2", "received c1 1 m1",
        "received c1 2 m2", "acked c1 m2 2", "sent c1 m3", "acked c1 m3 3");
  }

  @Test
  void aTemporaryErrorRetriesTheSameClientMsgIdAndAPermanentOneFailsTheSend() throws Exception {
    FakeConnection connection = connectAndWelcome();
    CompletableFuture<ServerMessage.Ack> kept = client.send("c1", "m1", "hello");
    ClientMessage.Send attempt = connection.expect(ClientMessage.Send.class);
    connection.reply(ServerMessage.Error.of(attempt.id(), ErrorCode.UNAVAILABLE, "store down"));
    ClientMessage.Send retry = connection.expect(ClientMessage.Send.class);
    assertThat(retry.clientMsgId()).isEqualTo("m1");
    assertThat(retry.id()).isNotEqualTo(attempt.id());
    assertThat(kept).isNotDone();
    connection.reply(ack(retry, 1));
    assertThat(kept.get(5, SECONDS).seq()).isEqualTo(1);

    CompletableFuture<ServerMessage.Ack> refused = client.send("c1", "m2", "x".repeat(10));
    ClientMessage.Send tooLarge = connection.expect(ClientMessage.Send.class);
    connection.reply(ServerMessage.Error.of(tooLarge.id(), ErrorCode.TOO_LARGE, "too long"));
    assertThatThrownBy(() -> refused.get(5, SECONDS))
        .cause().isInstanceOf(ChatException.class)
        .satisfies(e -> assertThat(((ChatException) e).code()).isEqualTo(ErrorCode.TOO_LARGE));
    connection.assertQuietFor(QUIET);
    assertThat(client.pendingCount()).isZero();
  }

  @Test
  void aSendWithoutAnAckInTimeIsRetriedAndTheFirstAckWins() throws Exception {
    client.close();
    ChatClient impatient = ChatClient.builder(URI.create("ws://switchboard.test/v1/ws"))
        .transport(transport)
        .reconnectBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
        .requestTimeout(Duration.ofMillis(200))
        .heartbeatInterval(Duration.ZERO)
        .build();
    try {
      CompletableFuture<ServerMessage.Welcome> connecting = impatient.connect();
      FakeConnection connection = transport.awaitConnection();
      connection.reply(welcome());
      connecting.get(5, SECONDS);
      CompletableFuture<ServerMessage.Ack> sent = impatient.send("c1", "m1", "hello");
      ClientMessage.Send attempt = connection.expect(ClientMessage.Send.class);
      ClientMessage.Send retry = connection.expect(ClientMessage.Send.class);
      assertThat(retry.clientMsgId()).isEqualTo(attempt.clientMsgId());
      connection.reply(ack(attempt, 7));
      connection.reply(ack(retry, 7));
      assertThat(sent.get(5, SECONDS).id()).isEqualTo(attempt.id());
      assertThat(impatient.pendingCount()).isZero();
    } finally {
      impatient.close();
    }
  }

  @Test
  void aCloseCodeThatForbidsReconnectingEndsTheClient() throws Exception {
    FakeConnection connection = connectAndWelcome();
    CompletableFuture<ServerMessage.Ack> pending = client.send("c1", "m1", "hello");
    connection.expect(ClientMessage.Send.class);
    connection.closeFromServer(4001, "token revoked");

    assertThatThrownBy(() -> pending.get(5, SECONDS))
        .cause().isInstanceOf(ChatException.class)
        .satisfies(e -> assertThat(((ChatException) e).code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    listener.nextState();
    listener.nextState();
    assertThat(listener.nextState()).startsWith("CLOSED: closed by server: AUTH_REVOKED (4001)");
    assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
    transport.assertNoConnectionWithin(QUIET);
    assertThatThrownBy(() -> client.ping().get(5, SECONDS)).cause().isInstanceOf(ChatException.class);
  }

  @Test
  void aRejectedTokenFailsConnectWithoutRetrying() throws Exception {
    transport.refuseNext(new ChatException(ErrorCode.UNAUTHORIZED, "handshake answered HTTP 401"));
    CompletableFuture<ServerMessage.Welcome> connecting = client.connect();
    assertThatThrownBy(() -> connecting.get(5, SECONDS))
        .cause().isInstanceOf(ChatException.class)
        .satisfies(e -> assertThat(((ChatException) e).code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
    transport.assertNoConnectionWithin(QUIET);
    assertThat(transport.attempts()).isEqualTo(1);
  }

  @Test
  void anUnreachableServerIsRetriedAndSendsWaitForTheConnection() throws Exception {
    transport.refuseNext(new ConnectException("connection refused"));
    CompletableFuture<ServerMessage.Ack> queued = client.send("c1", "m1", "early");
    CompletableFuture<ServerMessage.Welcome> connecting = client.connect();
    FakeConnection connection = transport.awaitConnection();
    assertThat(transport.attempts()).isEqualTo(2);
    connection.reply(welcome());
    connecting.get(5, SECONDS);
    ClientMessage.Send send = connection.expect(ClientMessage.Send.class);
    connection.reply(ack(send, 1));
    assertThat(queued.get(5, SECONDS).seq()).isEqualTo(1);
  }

  @Test
  void closeEndsTheConnectionPolitelyAndFailsWhatIsPending() throws Exception {
    FakeConnection connection = connectAndWelcome();
    CompletableFuture<ServerMessage.Ack> pending = client.send("c1", "m1", "bye");
    connection.expect(ClientMessage.Send.class);
    client.close();
    assertThat(connection.ended()).isEqualTo("closed");
    assertThat(pending).isCompletedExceptionally();
    assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
    assertThat(client.send("c1", "m2", "after").isCompletedExceptionally()).isTrue();
  }
}
