package io.switchboard.sdk;

import static io.switchboard.sdk.FakeServer.AT;
import static io.switchboard.sdk.FakeServer.QUIET;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Drives a {@link ChatClient} through its public API against {@link FakeTransport}, which plays
 * the server: replies completing futures, duplicate suppression, gaps, resume and reload.
 */
class ChatClientDeliveryTest {
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
  void welcomeOpensTheClientAndResumesItsConversations() throws Exception {
    FakeConnection connection = connectAndWelcome(conversation("c1", 2));
    assertThat(client.state()).isEqualTo(ConnectionState.OPEN);
    assertThat(listener.nextState()).isEqualTo("CONNECTING");
    assertThat(listener.nextState()).isEqualTo("OPEN");

    ClientMessage.Resume resume = connection.expect(ClientMessage.Resume.class);
    assertThat(resume.conversationId()).isEqualTo("c1");
    assertThat(resume.lastSeq()).isZero();
    connection.reply(message("c1", 1));
    connection.reply(message("c1", 2));
    connection.reply(resumed(resume, 2, false));

    assertThat(listener.nextSeq()).isEqualTo(1);
    assertThat(listener.nextSeq()).isEqualTo(2);
    assertThat(client.lastSeq("c1")).isEqualTo(2);
    assertThat(client.conversations()).containsExactly("c1");
  }

  @Test
  void repliesCompleteTheFutureWithTheSameIdAndErrorsFailIt() throws Exception {
    FakeConnection connection = connectAndWelcome();

    CompletableFuture<ServerMessage.Started> starting = client.start("support", Map.of("name", "Ada"));
    ClientMessage.Start start = connection.expect(ClientMessage.Start.class);
    assertThat(start.fields()).containsEntry("name", "Ada");
    CompletableFuture<ServerMessage.Ok> accepting = client.accept("c9");
    ClientMessage.Accept accept = connection.expect(ClientMessage.Accept.class);
    CompletableFuture<ServerMessage.Pong> pinging = client.ping();
    ClientMessage.Ping ping = connection.expect(ClientMessage.Ping.class);

    connection.reply(new ServerMessage.Pong(ping.id(), AT));
    connection.reply(ServerMessage.Error.of(accept.id(), ErrorCode.FORBIDDEN, "not yours"));
    connection.reply(new ServerMessage.Started(start.id(), "c1", "queued", "support", 0, AT));

    assertThat(starting.get(5, SECONDS).conversationId()).isEqualTo("c1");
    assertThat(pinging.get(5, SECONDS).id()).isEqualTo(ping.id());
    assertThatThrownBy(() -> accepting.get(5, SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(ChatException.class)
        .satisfies(e -> {
          assertThat(((ChatException) e).code()).isEqualTo(ErrorCode.FORBIDDEN);
          assertThat(((ChatException) e).temporary()).isFalse();
        });
    assertThat(client.conversations()).containsExactly("c1");
    ClientMessage.Resume follow = connection.expect(ClientMessage.Resume.class);
    assertThat(follow.conversationId()).as("a started conversation is followed").isEqualTo("c1");
    assertThat(follow.lastSeq()).isZero();
    connection.assertQuietFor(QUIET);
  }

  @Test
  void duplicatesAreDroppedAndAGapIsFilledByResume() throws Exception {
    FakeConnection connection = connectAndWelcome(conversation("c1", 0));
    ClientMessage.Resume initial = connection.expect(ClientMessage.Resume.class);
    connection.reply(resumed(initial, 0, false));

    connection.reply(message("c1", 1));
    connection.reply(message("c1", 1));
    connection.reply(message("c1", 3));
    ClientMessage.Resume fill = connection.expect(ClientMessage.Resume.class);
    assertThat(fill.lastSeq()).isEqualTo(1);

    connection.reply(message("c1", 4));
    connection.assertQuietFor(QUIET);
    connection.reply(message("c1", 2));
    connection.reply(message("c1", 3));
    connection.reply(resumed(fill, 3, false));
    ClientMessage.Resume rest = connection.expect(ClientMessage.Resume.class);
    assertThat(rest.lastSeq()).as("seq 4 was seen during the resume and dropped").isEqualTo(3);
    connection.reply(message("c1", 4));
    connection.reply(resumed(rest, 4, false));

    for (long seq = 1; seq <= 4; seq++) {
      assertThat(listener.nextSeq()).isEqualTo(seq);
    }
    connection.assertQuietFor(QUIET);
    assertThat(listener.messages).isEmpty();
    assertThat(client.lastSeq("c1")).isEqualTo(4);
  }

  @Test
  void resumeGapReloadsTheConversationFromTheStart() throws Exception {
    FakeConnection connection = connectAndWelcome(conversation("c1", 2));
    ClientMessage.Resume initial = connection.expect(ClientMessage.Resume.class);
    connection.reply(message("c1", 1));
    connection.reply(message("c1", 2));
    connection.reply(resumed(initial, 2, false));
    connection.reply(message("c1", 5));
    ClientMessage.Resume fill = connection.expect(ClientMessage.Resume.class);
    assertThat(fill.lastSeq()).isEqualTo(2);

    connection.reply(ServerMessage.Error.of(fill.id(), ErrorCode.RESUME_GAP, "purged"));
    ClientMessage.Resume reload = connection.expect(ClientMessage.Resume.class);
    assertThat(reload.lastSeq()).isZero();
    for (long seq = 1; seq <= 5; seq++) {
      connection.reply(message("c1", seq));
    }
    connection.reply(resumed(reload, 5, false));

    List<Long> delivered = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      delivered.add(listener.nextSeq());
    }
    assertThat(delivered).containsExactly(1L, 2L, 1L, 2L, 3L, 4L, 5L);
    assertThat(client.lastSeq("c1")).isEqualTo(5);
  }

  @Test
  void aPagedResumeContinuesFromWhereTheLastPageEnded() throws Exception {
    FakeConnection connection = connectAndWelcome(conversation("c1", 3));
    ClientMessage.Resume page1 = connection.expect(ClientMessage.Resume.class);
    connection.reply(message("c1", 1));
    connection.reply(message("c1", 2));
    connection.reply(resumed(page1, 2, true));
    ClientMessage.Resume page2 = connection.expect(ClientMessage.Resume.class);
    assertThat(page2.lastSeq()).isEqualTo(2);
    connection.reply(message("c1", 3));
    connection.reply(resumed(page2, 3, false));
    connection.assertQuietFor(QUIET);
    assertThat(client.lastSeq("c1")).isEqualTo(3);
  }

  @Test
  void aLostConnectionFailsOtherCommandsAsTemporary() throws Exception {
    FakeConnection connection = connectAndWelcome();
    CompletableFuture<ServerMessage.Ok> typing = client.typing("c1", true);
    connection.expect(ClientMessage.Typing.class);
    connection.closeFromServer(WebSocketTransport.ABNORMAL_CLOSURE, "reset");

    assertThatThrownBy(() -> typing.get(5, SECONDS))
        .cause().isInstanceOf(ChatException.class)
        .satisfies(e -> {
          assertThat(((ChatException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE);
          assertThat(((ChatException) e).temporary()).isTrue();
        });
    FakeConnection again = transport.awaitConnection();
    again.reply(welcome());
    CompletableFuture<ServerMessage.Ok> read = client.markRead("c1", 3);
    ClientMessage.Read command = again.expect(ClientMessage.Read.class);
    again.reply(new ServerMessage.Ok(command.id()));
    assertThat(read.get(5, SECONDS).id()).isEqualTo(command.id());
  }
}
