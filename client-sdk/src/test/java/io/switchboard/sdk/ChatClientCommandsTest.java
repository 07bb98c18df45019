package io.switchboard.sdk;

import static io.switchboard.sdk.FakeServer.AT;
import static io.switchboard.sdk.FakeServer.QUIET;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolCodec;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.sdk.FakeTransport.FakeConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The commands beyond chatting against {@link FakeTransport}: each writes its command with the
 * caller's fields and completes with the reply; arguments the server refuses throw before
 * anything is sent; a command the server's feature level lacks fails without being sent; every
 * event reaches its typed listener method.
 */
class ChatClientCommandsTest {
  private final FakeTransport transport = new FakeTransport();
  private final TypedListener listener = new TypedListener();
  private final ChatClient client = ChatClient.builder(java.net.URI.create("ws://test/v1/ws"))
      .transport(transport)
      .listener(listener)
      .reconnectBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
      .requestTimeout(Duration.ofSeconds(2))
      .heartbeatInterval(Duration.ZERO)
      .build();

  @AfterEach
  void closeClient() {
    client.close();
  }

  private FakeConnection connect(int featureLevel) throws Exception {
    CompletableFuture<ServerMessage.Welcome> connecting = client.connect();
    FakeConnection connection = transport.awaitConnection();
    connection.reply(FakeServer.welcome(featureLevel));
    connecting.get(5, SECONDS);
    return connection;
  }

  private static <T extends ServerMessage> T ok(FakeConnection connection,
      CompletableFuture<T> reply, ClientMessage command) throws Exception {
    connection.reply(new ServerMessage.Ok(command.id()));
    return reply.get(5, SECONDS);
  }

  @Test
  void staffAndVisitorCommandsCarryTheirFieldsAndCompleteWithTheReply() throws Exception {
    FakeConnection connection = connect(ProtocolCodec.FEATURE_LEVEL);
    assertThat(client.featureLevel()).isEqualTo(ChatClient.FEATURE_LEVEL).isEqualTo(9);

    CompletableFuture<ServerMessage.Ok> noting = client.staff().note("c1", "reseller");
    ClientMessage.Note note = connection.expect(ClientMessage.Note.class);
    assertThat(note.text()).isEqualTo("reseller");
    ok(connection, noting, note);

    CompletableFuture<ServerMessage.Ok> toAgent = client.staff().transferToAgent("c1", "a2", "VIP");
    ClientMessage.Transfer transfer = connection.expect(ClientMessage.Transfer.class);
    assertThat(transfer.toAgentId()).isEqualTo("a2");
    assertThat(transfer.toQueue()).isNull();
    assertThat(transfer.note()).isEqualTo("VIP");
    ok(connection, toAgent, transfer);
    CompletableFuture<ServerMessage.Ok> toQueue = client.staff().transferToQueue("c1", "billing", null);
    ClientMessage.Transfer moved = connection.expect(ClientMessage.Transfer.class);
    assertThat(moved.toQueue()).isEqualTo("billing");
    connection.reply(ServerMessage.Error.of(moved.id(), ErrorCode.CONFLICT, "no such agent"));
    assertThatThrownBy(() -> toQueue.get(5, SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(ChatException.class).hasMessageContaining("conflict");

    CompletableFuture<ServerMessage.Ok> whispering = client.staff().whisper("c1", "offer a voucher");
    ok(connection, whispering, connection.expect(ClientMessage.Whisper.class));
    CompletableFuture<ServerMessage.Ok> barging = client.staff().barge("c1");
    ok(connection, barging, connection.expect(ClientMessage.Barge.class));

    CompletableFuture<ServerMessage.Ok> rating = client.visitor().rate("c1", 5, "thanks");
    ClientMessage.Rate rate = connection.expect(ClientMessage.Rate.class);
    assertThat(rate.score()).isEqualTo(5);
    ok(connection, rating, rate);
    CompletableFuture<ServerMessage.Ok> context = client.visitor()
        .context("https://shop.example/cart", "Cart", "Mozilla/5.0", "de-DE", "Europe/Berlin");
    ClientMessage.Context sentContext = connection.expect(ClientMessage.Context.class);
    assertThat(sentContext.timeZone()).isEqualTo("Europe/Berlin");
    ok(connection, context, sentContext);
    CompletableFuture<ServerMessage.Ok> profile = client.visitor()
        .profile("Lena", "lena@example.com", "+49 30 1234567");
    ClientMessage.Profile sentProfile = connection.expect(ClientMessage.Profile.class);
    assertThat(sentProfile.email()).isEqualTo("lena@example.com");
    ok(connection, profile, sentProfile);

    CompletableFuture<ServerMessage.Ok> closing = client.close("c1", "resolved", List.of("vip"));
    ClientMessage.Close close = connection.expect(ClientMessage.Close.class);
    assertThat(close.tags()).containsExactly("vip");
    ok(connection, closing, close);

    CompletableFuture<ServerMessage.Resumed> following = client.follow("c7");
    ClientMessage.Resume resume = connection.expect(ClientMessage.Resume.class);
    assertThat(resume.conversationId()).isEqualTo("c7");
    assertThat(resume.lastSeq()).isZero();
    connection.reply(FakeServer.message("c7", 1));
    connection.reply(FakeServer.resumed(resume, 1, false));
    assertThat(following.get(5, SECONDS).lastSeq()).isEqualTo(1);
    assertThat(client.lastSeq("c7")).isEqualTo(1);
  }

  @Test
  void argumentsTheServerWouldRefuseThrowBeforeAnythingIsSent() throws Exception {
    FakeConnection connection = connect(ProtocolCodec.FEATURE_LEVEL);
    assertThatThrownBy(() -> client.visitor().rate("c1", 6, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score");
    assertThatThrownBy(() -> client.visitor().rate("c1", 4, "x".repeat(2001)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("comment");
    assertThatThrownBy(() -> client.visitor().profile(null, "not-an-address", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("email");
    assertThatThrownBy(() -> client.visitor().profile(null, null, "call me"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phone");
    assertThatThrownBy(() -> client.visitor().context(null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("url");
    assertThatThrownBy(() -> client.staff().note("c1", "x".repeat(8001)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text");
    assertThatThrownBy(() -> client.staff().transferToQueue("c1", null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queueId");
    assertThatThrownBy(() -> client.staff().whisper("", "hi"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conversationId");
    assertThatThrownBy(() -> client.close("c1", null, List.of("t".repeat(33))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tags");
    connection.assertQuietFor(QUIET);
  }

  @Test
  void aCommandTheServersFeatureLevelLacksFailsWithoutBeingSent() throws Exception {
    FakeConnection connection = connect(1);
    assertThat(client.featureLevel()).isEqualTo(1);
    assertThat(client.supports(ProtocolFeature.NOTE)).isFalse();
    assertThatThrownBy(() -> client.staff().whisper("c1", "hi").get(5, SECONDS))
        .cause().isInstanceOf(ChatException.class)
        .hasMessageContaining("whisper needs feature level 6 but the server speaks level 1")
        .satisfies(e -> assertThat(((ChatException) e).code()).isEqualTo(ErrorCode.UNKNOWN_TYPE));
    assertThatThrownBy(() -> client.visitor().rate("c1", 3, null).get(5, SECONDS))
        .cause().hasMessageContaining("rate needs feature level 2");
    assertThatThrownBy(() -> client.start("support", Map.of(), "de").get(5, SECONDS))
        .cause().hasMessageContaining("start.language needs feature level 4");
    assertThatThrownBy(() -> client.send("c1", "m1", "", List.of("file-1")).get(5, SECONDS))
        .cause().hasMessageContaining("send.attachments needs feature level 8");
    connection.assertQuietFor(QUIET);
    CompletableFuture<ServerMessage.Ok> closing = client.close("c1", "resolved");
    ok(connection, closing, connection.expect(ClientMessage.Close.class));
  }

  @Test
  void everyEventReachesItsTypedListenerMethodAfterOnEvent() throws Exception {
    FakeConnection connection = connect(ProtocolCodec.FEATURE_LEVEL);
    ServerMessage.Participant agent = new ServerMessage.Participant("agent", "a1", "Ann");
    List<ServerMessage> events = List.of(
        new ServerMessage.Typing("c1", "agent", true),
        new ServerMessage.QueuePosition("c1", 2, 30),
        new ServerMessage.Assigned("c2", "support", agent, Map.of(), 0, AT),
        new ServerMessage.AgentJoined("c1", agent, AT),
        new ServerMessage.ReadUpTo("c1", "agent", 1),
        new ServerMessage.NoteAdded("c1", 7, agent, "whisper text", AT, "whisper"),
        new ServerMessage.Transferred("c1", "billing", null, null, AT),
        new ServerMessage.Unassigned("c1", "transferred"),
        new ServerMessage.VisitorContext("c1", "https://shop.example", null, null, null, null, AT),
        new ServerMessage.Rated("c1", 4, null, AT),
        new ServerMessage.TicketChanged("t1", "s1", 12, "open", "created", AT),
        new ServerMessage.SlaAlert("t1", 12, "Refund", "first_response", "at_risk", AT, AT),
        new ServerMessage.Invite("i1", null, "Need help?", agent, AT),
        new ServerMessage.Closed("c1", "agent", 0, null, AT),
        ServerMessage.Error.of(null, ErrorCode.BAD_REQUEST, "unreadable frame"));
    connection.reply(FakeServer.message("c1", 1));
    events.forEach(connection::reply);
    // Being assigned c2 resumes it; the pong is handled after every event before it, on the
    // client's one event thread.
    assertThat(connection.expect(ClientMessage.Resume.class).conversationId()).isEqualTo("c2");
    CompletableFuture<ServerMessage.Pong> pinging = client.ping();
    connection.reply(new ServerMessage.Pong(connection.expect(ClientMessage.Ping.class).id(), AT));
    pinging.get(5, SECONDS);
    List<String> expected = List.of("message", "typing", "queue", "assigned", "agent_joined", "read", "note",
        "transferred", "unassigned", "context", "rated", "ticket", "sla", "invite", "closed",
        "error");
    assertThat(listener.typed).containsExactlyElementsOf(expected);
    assertThat(listener.generic).startsWith("welcome").containsSubsequence(expected);
    assertThat(listener.welcomes).isEqualTo(1);
  }

  /** Records the order of typed calls and of generic ones. */
  private static final class TypedListener implements ChatListener {
    final List<String> typed = new CopyOnWriteArrayList<>();
    final List<String> generic = new CopyOnWriteArrayList<>();
    volatile int welcomes;

    @Override
    public void onEvent(ServerMessage event) {
      generic.add(new ProtocolCodec().encode(event).replaceAll(".*\"type\":\"([a-z_]+)\".*", "$1"));
    }

    @Override public void onWelcome(ServerMessage.Welcome welcome) { welcomes++; }
    @Override public void onMessage(ServerMessage.Message e) { typed.add("message"); }
    @Override public void onTyping(ServerMessage.Typing e) { typed.add("typing"); }
    @Override public void onQueuePosition(ServerMessage.QueuePosition e) { typed.add("queue"); }
    @Override public void onAssigned(ServerMessage.Assigned e) { typed.add("assigned"); }
    @Override public void onAgentJoined(ServerMessage.AgentJoined e) { typed.add("agent_joined"); }
    @Override public void onRead(ServerMessage.ReadUpTo e) { typed.add("read"); }
    @Override public void onNote(ServerMessage.NoteAdded e) { typed.add("note"); }
    @Override public void onTransferred(ServerMessage.Transferred e) { typed.add("transferred"); }
    @Override public void onUnassigned(ServerMessage.Unassigned e) { typed.add("unassigned"); }
    @Override public void onContext(ServerMessage.VisitorContext e) { typed.add("context"); }
    @Override public void onRated(ServerMessage.Rated e) { typed.add("rated"); }
    @Override public void onTicket(ServerMessage.TicketChanged e) { typed.add("ticket"); }
    @Override public void onSla(ServerMessage.SlaAlert e) { typed.add("sla"); }
    @Override public void onInvite(ServerMessage.Invite e) { typed.add("invite"); }
    @Override public void onClosed(ServerMessage.Closed e) { typed.add("closed"); }
    @Override public void onError(ServerMessage.Error e) { typed.add("error"); }
  }
}
