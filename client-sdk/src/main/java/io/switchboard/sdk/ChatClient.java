package io.switchboard.sdk;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ServerMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A chat connection to a Switchboard server, for one visitor or agent token. Build one with
 * {@link #builder(URI)}, then {@link #connect()}.
 *
 * <p>Delivery guarantees: {@link #send} puts the message in an outbox until the server stores it;
 * across lost connections and temporary errors it is sent again with the same
 * {@code clientMsgId}, so it is stored exactly once, and per conversation in the order of the
 * {@code send} calls. Chat messages reach the {@link ChatListener} exactly once and in
 * {@code seq} order per conversation; gaps are filled with {@code resume}. After a lost
 * connection the client reconnects with jittered backoff and resumes every conversation it
 * tracks, unless the server closed with a code that forbids it or refused the token.
 *
 * <p>Commands other than {@code send} are not retried: their futures fail with a
 * {@link ChatException} on an error reply, a timeout, or the loss of the connection, and fail at
 * once when the client is not {@link ConnectionState#OPEN}.
 *
 * <p>Commands beyond chatting are grouped by who sends them: {@link #staff()} (notes, transfers,
 * whisper, barge) and {@link #visitor()} (rating, page context, profile). The client speaks
 * feature level {@link #FEATURE_LEVEL}; after {@code welcome} it uses the lower of that and the
 * server's level ({@link #featureLevel()}), and a command the server's level lacks fails at once
 * with a {@link ChatException} of code {@code unknown_type} instead of being sent.
 *
 * <p>Thread-safe. Listener calls and future completions happen on the client's event thread;
 * never block that thread waiting for another reply of the same client.
 */
public final class ChatClient implements AutoCloseable {
  /** The protocol feature level this SDK speaks (PROTOCOL.md section 9). */
  public static final int FEATURE_LEVEL = ProtocolFeature.SDK_LEVEL;
  /**
   * How often an idle client pings unless told otherwise: shorter than the server's ping interval
   * (30 s by default), so the server hears from it and sends it no pings of its own.
   */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(25);

  private static final AtomicInteger CLIENT_NUMBERS = new AtomicInteger();

  private final ClientSession session;
  private final StaffCommands staff;
  private final VisitorCommands visitor;
  private final ScheduledThreadPoolExecutor eventThread;
  private final AtomicReference<Thread> eventThreadOwner = new AtomicReference<>();

  private ChatClient(Builder builder, SessionSettings settings) {
    String threadName = "switchboard-client-" + CLIENT_NUMBERS.incrementAndGet();
    this.eventThread = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, threadName);
      thread.setDaemon(true);
      eventThreadOwner.set(thread);
      return thread;
    });
    eventThread.setRemoveOnCancelPolicy(true);
    eventThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    HttpClient ownedHttpClient = null;
    Transport transport = builder.transport;
    if (transport == null) {
      HttpClient httpClient = builder.httpClient;
      if (httpClient == null) {
        ownedHttpClient = HttpClient.newBuilder().connectTimeout(builder.requestTimeout).build();
        httpClient = ownedHttpClient;
      }
      transport = new WebSocketTransport(
          httpClient, builder.webSocketUri, builder.token, builder.requestTimeout);
    }
    HttpClient toShutDown = ownedHttpClient;
    this.session = new ClientSession(transport, new EventLoop(eventThread), settings, () -> {
      eventThread.shutdown();
      if (toShutDown != null) {
        toShutDown.shutdown();
      }
    });
    this.staff = new StaffCommands(session);
    this.visitor = new VisitorCommands(session);
  }

  /** Starts building a client for {@code ws://host:port/v1/ws} (or {@code wss://}). */
  public static Builder builder(URI webSocketUri) {
    return new Builder(webSocketUri);
  }

  /**
   * Connects, retrying with backoff while the server cannot be reached. Completes with the first
   * {@code welcome}; fails when the token is refused or the client is closed first.
   */
  public CompletableFuture<ServerMessage.Welcome> connect() {
    return session.connect();
  }

  /** Visitor: opens a conversation in {@code queue} (or gets the open one back). */
  public CompletableFuture<ServerMessage.Started> start(String queue, Map<String, String> fields) {
    return start(queue, fields, null);
  }

  /**
   * Visitor: opens a conversation in {@code queue} (or gets the open one back), in the visitor's
   * {@code language} (a language tag such as {@code zh-CN}, or null; feature level 4).
   */
  public CompletableFuture<ServerMessage.Started> start(String queue, Map<String, String> fields,
      String language) {
    return session.request(
        new ClientMessage.Start(session.nextCommandId(), queue, fields, language),
        ServerMessage.Started.class, language == null ? null : ProtocolFeature.START_LANGUAGE);
  }

  /**
   * Visitor: replies to an invitation ({@code invite} event, feature level 9): opens a
   * conversation in the invitation's queue with its text as the first message, or gets the open
   * one back.
   */
  public CompletableFuture<ServerMessage.Started> reply(String invitationId,
      Map<String, String> fields, String language) {
    return session.request(new ClientMessage.Start(session.nextCommandId(), null, fields,
        language, invitationId), ServerMessage.Started.class, ProtocolFeature.INVITATION);
  }

  /** Sends a chat message under a new random {@code clientMsgId}; completes with its ack. */
  public CompletableFuture<ServerMessage.Ack> send(String conversationId, String text) {
    return send(conversationId, UUID.randomUUID().toString(), text);
  }

  /**
   * Sends a chat message under the caller's {@code clientMsgId}; completes with its ack, or fails
   * on a permanent error or when the client closes first. Sending the same {@code clientMsgId}
   * again while it is pending shares the pending message instead of queueing a second one.
   */
  public CompletableFuture<ServerMessage.Ack> send(
      String conversationId, String clientMsgId, String text) {
    return send(conversationId, clientMsgId, text, List.of());
  }

  /**
   * Sends a chat message carrying files uploaded first with
   * {@link SwitchboardHttp#uploadAttachment} (their ids; feature level 8). {@code text} may be
   * empty when there are attachments. It is kept in the outbox and resent, with the same
   * {@code clientMsgId} and attachments, after a reconnect, like any message.
   */
  public CompletableFuture<ServerMessage.Ack> send(String conversationId, String clientMsgId,
      String text, List<String> attachments) {
    new ClientMessage.Send("validation", conversationId, clientMsgId, text, attachments);
    int level = session.serverFeatureLevel();
    if (attachments != null && !attachments.isEmpty() && level > 0
        && level < ProtocolFeature.ATTACHMENTS.level()) {
      return CompletableFuture.failedFuture(
          ClientSession.unsupported(ProtocolFeature.ATTACHMENTS, level));
    }
    return session.send(conversationId, clientMsgId, text == null ? "" : text, attachments);
  }

  /** Agent: sets presence to {@code online}, {@code away} or {@code offline}. */
  public CompletableFuture<ServerMessage.Ok> setStatus(String status) {
    return session.request(
        new ClientMessage.SetStatus(session.nextCommandId(), status), ServerMessage.Ok.class);
  }

  /** Agent: accepts a conversation assigned to this agent. */
  public CompletableFuture<ServerMessage.Ok> accept(String conversationId) {
    return session.request(
        new ClientMessage.Accept(session.nextCommandId(), conversationId), ServerMessage.Ok.class);
  }

  /** Closes a conversation, with an optional disposition (null for none). */
  public CompletableFuture<ServerMessage.Ok> close(String conversationId, String disposition) {
    return session.request(
        new ClientMessage.Close(session.nextCommandId(), conversationId, disposition),
        ServerMessage.Ok.class);
  }

  /**
   * Closes a conversation with a disposition and up to 10 tags of 1-32 characters (the agent's
   * outcome; ignored when a visitor closes). (Tags: feature level 2.)
   */
  public CompletableFuture<ServerMessage.Ok> close(String conversationId, String disposition,
      List<String> tags) {
    return session.request(
        new ClientMessage.Close(session.nextCommandId(), conversationId, disposition, tags),
        ServerMessage.Ok.class,
        tags == null || tags.isEmpty() ? null : ProtocolFeature.CLOSE_TAGS);
  }

  /**
   * Follows a conversation (command {@code resume}): loads its messages from the start and then
   * receives its events live. Staff read conversations they may see this way; a supervisor
   * monitors a conversation of their team. Conversations the client started, was assigned or
   * found in {@code welcome} are followed without it. Completes with the first {@code resumed},
   * after the messages it replayed reached the listener; the client resumes further pages itself.
   */
  public CompletableFuture<ServerMessage.Resumed> follow(String conversationId) {
    new ClientMessage.Resume("validation", conversationId, 0);
    return session.follow(conversationId);
  }

  /** Staff commands: notes, transfers, and a supervisor's whisper and barge. */
  public StaffCommands staff() {
    return staff;
  }

  /** Visitor commands: rating, page context and profile. */
  public VisitorCommands visitor() {
    return visitor;
  }

  /**
   * The feature level in use: the lower of {@link #FEATURE_LEVEL} and the level the server
   * stated in its last {@code welcome}; 0 before the first {@code welcome}.
   */
  public int featureLevel() {
    return Math.min(FEATURE_LEVEL, session.serverFeatureLevel());
  }

  /** True when the connected server has {@code feature}; false before the first welcome. */
  public boolean supports(ProtocolFeature feature) {
    return featureLevel() >= feature.level();
  }

  /** Tells the other side that typing started ({@code true}) or stopped. */
  public CompletableFuture<ServerMessage.Ok> typing(String conversationId, boolean active) {
    return session.request(
        new ClientMessage.Typing(session.nextCommandId(), conversationId, active),
        ServerMessage.Ok.class);
  }

  /** Marks everything up to and including {@code seq} as read. */
  public CompletableFuture<ServerMessage.Ok> markRead(String conversationId, long seq) {
    return session.request(
        new ClientMessage.Read(session.nextCommandId(), conversationId, seq),
        ServerMessage.Ok.class);
  }

  /** Round trip to the server; completes with its {@code pong}. */
  public CompletableFuture<ServerMessage.Pong> ping() {
    return session.request(new ClientMessage.Ping(session.nextCommandId()), ServerMessage.Pong.class);
  }

  /** How many {@code send} futures have not completed yet (messages not yet stored). */
  public int pendingCount() {
    return session.pendingCount();
  }

  /** The highest seq delivered in a conversation, with none missing below it; 0 if unknown. */
  public long lastSeq(String conversationId) {
    return session.lastSeq(conversationId);
  }

  /** The conversations this client tracks and resumes after a reconnect. */
  public Set<String> conversations() {
    return session.conversationIds();
  }

  public ConnectionState state() {
    return session.state();
  }

  /**
   * Closes the connection and stops reconnecting. Pending futures, unacknowledged sends included,
   * fail with {@link io.switchboard.protocol.ErrorCode#UNAVAILABLE}. Waits briefly for the event
   * thread to finish, except when called from it.
   */
  @Override
  public void close() {
    session.close();
    if (Thread.currentThread() == eventThreadOwner.get()) {
      return;
    }
    try {
      eventThread.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Configures a {@link ChatClient}. Defaults: reconnect backoff 100 ms to 5 s, request timeout
   * 10 s, heartbeat every 25 s, no listener, no log.
   *
   * <p>Not thread-safe: build on one thread.
   */
  public static final class Builder {
    private final URI webSocketUri;
    private String token;
    private ChatListener listener = ChatListener.NONE;
    private ClientLog clientLog = ClientLog.NONE;
    private Duration backoffMin = Duration.ofMillis(100);
    private Duration backoffMax = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private HttpClient httpClient;
    private Transport transport;

    private Builder(URI webSocketUri) {
      this.webSocketUri = Objects.requireNonNull(webSocketUri, "webSocketUri");
      String scheme = webSocketUri.getScheme();
      if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
        throw new IllegalArgumentException("expected a ws:// or wss:// URI, not " + webSocketUri);
      }
    }

    /** The visitor token or agent session token, reused on every reconnect. Required. */
    public Builder token(String token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    public Builder listener(ChatListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public Builder clientLog(ClientLog clientLog) {
      this.clientLog = Objects.requireNonNull(clientLog, "clientLog");
      return this;
    }

    /** Bounds of the jittered exponential backoff between reconnects and retries. */
    public Builder reconnectBackoff(Duration min, Duration max) {
      new Backoff(min, max);
      this.backoffMin = min;
      this.backoffMax = max;
      return this;
    }

    /** How long to wait for a reply, for the handshake, and for {@code welcome}. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
      return this;
    }

    /** How often to ping the server to detect a dead connection; zero turns it off. */
    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
      return this;
    }

    /** Shares an HTTP client between many clients; by default each client makes its own. */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /** Replaces the WebSocket with another transport; for tests. */
    Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    public ChatClient build() {
      if (token == null && transport == null) {
        throw new IllegalStateException("token is required");
      }
      SessionSettings settings = new SessionSettings(new Backoff(backoffMin, backoffMax),
          requestTimeout, heartbeatInterval, listener, clientLog);
      return new ChatClient(this, settings);
    }
  }
}
