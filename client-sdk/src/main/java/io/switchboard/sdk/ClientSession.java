package io.switchboard.sdk;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ServerMessage;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The protocol logic behind a {@link ChatClient}, independent of how bytes travel: it opens
 * connections through a {@link Transport}, waits for {@code welcome}, resumes every tracked
 * conversation, writes the {@link Outbox}, matches replies to futures, filters chat messages
 * through a {@link DeliveryTracker}, and reconnects with backoff when a connection is lost.
 * {@link MessageRouter} handles each arriving message; {@link Heartbeat} finds dead connections.
 *
 * <p>Thread-safe: every entry point hands its work to the client's single-threaded event
 * executor, which alone reads and writes the session's state, so that state needs no locks.
 */
final class ClientSession {
  private final Transport transport;
  private final EventLoop eventLoop;
  private final SessionSettings settings;
  private final Runnable onTerminated;
  private final AtomicLong commandIds = new AtomicLong();
  private final AtomicInteger unacknowledgedSends = new AtomicInteger();
  private final CompletableFuture<ServerMessage.Welcome> firstWelcome = new CompletableFuture<>();
  private final SessionContext context;
  private final MessageRouter router;
  private final Heartbeat heartbeat;

  private volatile ConnectionState state = ConnectionState.CLOSED;
  private boolean started;
  private boolean terminated;
  private boolean everOpened;
  private int attempt;
  private int reconnectAttempts;
  private ScheduledFuture<?> welcomeTimer;

  /**
   * @param eventLoop the client's event thread, on which all session state lives
   * @param onTerminated runs on the event thread once the session has closed for good
   */
  ClientSession(Transport transport, EventLoop eventLoop, SessionSettings settings,
      Runnable onTerminated) {
    this.transport = transport;
    this.eventLoop = eventLoop;
    this.settings = settings;
    this.onTerminated = onTerminated;
    this.context = new SessionContext(eventLoop, settings, this::nextCommandId);
    this.router = new MessageRouter(context, this::welcomed);
    this.heartbeat = new Heartbeat(context, this::dropConnection);
  }

  // ---- entry points, callable from any thread ----

  /** Starts connecting (once); completes with the first {@code welcome}. */
  CompletableFuture<ServerMessage.Welcome> connect() {
    eventLoop.execute(() -> {
      if (!started && !terminated) {
        started = true;
        setState(ConnectionState.CONNECTING, null);
        openConnection();
      }
    });
    return firstWelcome;
  }

  /** A fresh command id, unique within this session. */
  String nextCommandId() {
    return Long.toString(commandIds.incrementAndGet());
  }

  /** Sends a command other than send and resume; fails fast unless the client is open. */
  <T extends ServerMessage> CompletableFuture<T> request(
      ClientMessage command, Class<T> replyType) {
    return request(command, replyType, null);
  }

  /**
   * Sends a command that needs {@code feature} (null: none beyond level 1); fails fast unless
   * the client is open and the server's feature level has it.
   */
  <T extends ServerMessage> CompletableFuture<T> request(
      ClientMessage command, Class<T> replyType, ProtocolFeature feature) {
    CompletableFuture<T> result = new CompletableFuture<>();
    boolean queued = eventLoop.execute(() -> {
      if (!context.welcomed()) {
        result.completeExceptionally(new ChatException(ErrorCode.UNAVAILABLE,
            "not connected (" + state + ")"));
        return;
      }
      if (feature != null && context.serverFeatureLevel() < feature.level()) {
        result.completeExceptionally(unsupported(feature, context.serverFeatureLevel()));
        return;
      }
      context.requests().await(command.id(), replyType, result);
      context.write(command);
    });
    if (!queued) {
      result.completeExceptionally(closedError());
    }
    return result;
  }

  /** Puts a chat message in the outbox; it is written now if connected, else after reconnect. */
  CompletableFuture<ServerMessage.Ack> send(String conversationId, String clientMsgId,
      String text, java.util.List<String> attachments) {
    CompletableFuture<ServerMessage.Ack> result = new CompletableFuture<>();
    unacknowledgedSends.incrementAndGet();
    // The caller's future completes after the count went down, so pendingCount() never still
    // counts a send whose future the caller already saw complete.
    CompletableFuture<ServerMessage.Ack> counted =
        result.whenComplete((ack, error) -> unacknowledgedSends.decrementAndGet());
    boolean queued = eventLoop.execute(() -> {
      if (terminated) {
        result.completeExceptionally(closedError());
        return;
      }
      context.outbox().add(conversationId, clientMsgId, text, attachments, result);
      router.pumpOutbox();
    });
    if (!queued) {
      result.completeExceptionally(closedError());
    }
    return counted;
  }

  /**
   * Follows a conversation: resumes it from the start (or from what the client already holds)
   * and then receives its events live; completes with the first {@code resumed}.
   */
  CompletableFuture<ServerMessage.Resumed> follow(String conversationId) {
    CompletableFuture<ServerMessage.Resumed> result = new CompletableFuture<>();
    boolean queued = eventLoop.execute(() -> {
      if (terminated) {
        result.completeExceptionally(closedError());
        return;
      }
      context.awaitResumed(conversationId, result);
      context.delivery().follow(conversationId, 0);
      router.pumpResumes();
    });
    if (!queued) {
      result.completeExceptionally(closedError());
    }
    return result;
  }

  /** The feature level of the server's last {@code welcome}; 0 before the first. */
  int serverFeatureLevel() {
    return context.serverFeatureLevel();
  }

  /** The failure of a command whose feature the server lacks. */
  static ChatException unsupported(ProtocolFeature feature, int serverLevel) {
    return new ChatException(ErrorCode.UNKNOWN_TYPE, feature.wireName() + " needs feature level "
        + feature.level() + " but the server speaks level " + serverLevel);
  }

  /** Closes the connection politely and ends the session; pending futures fail. */
  void close() {
    eventLoop.execute(() -> terminate(closedError(), "closed by client", true));
  }

  ConnectionState state() {
    return state;
  }

  int pendingCount() {
    return unacknowledgedSends.get();
  }

  long lastSeq(String conversationId) {
    return context.delivery().lastSeq(conversationId);
  }

  Set<String> conversationIds() {
    return context.delivery().conversationIds();
  }

  // ---- connection lifecycle, on the event thread ----

  private void openConnection() {
    if (terminated) {
      return;
    }
    int current = ++attempt;
    try {
      transport.open(new ConnectionEvents(current));
    } catch (RuntimeException e) {
      failed(current, e);
    }
  }

  private void opened(int opening, Transport.Connection opened) {
    if (opening != attempt || terminated) {
      opened.abort();
      return;
    }
    context.connected(opened);
    Duration timeout = settings.requestTimeout();
    welcomeTimer = context.schedule(() -> {
      if (opening == attempt && !context.welcomed()) {
        dropConnection("no welcome within " + timeout.toMillis() + " ms");
      }
    }, timeout);
  }

  private void failed(int opening, Throwable error) {
    if (opening != attempt || terminated) {
      return;
    }
    Throwable cause = ChatException.unwrap(error);
    if (cause instanceof ChatException refused && !refused.temporary()) {
      terminate(refused, "connection refused: " + refused.getMessage(), false);
    } else {
      reconnectLater("cannot connect: " + cause);
    }
  }

  private void welcomed(ServerMessage.Welcome welcome) {
    EventLoop.cancel(welcomeTimer);
    everOpened = true;
    reconnectAttempts = 0;
    setState(ConnectionState.OPEN, null);
    heartbeat.start();
    firstWelcome.complete(welcome);
  }

  private void closed(int statusCode, String reason) {
    CloseVerdict verdict = CloseVerdict.of(statusCode, reason);
    if (verdict.reconnect()) {
      connectionLost(verdict.description());
      reconnectLater("connection lost: " + verdict.description());
    } else {
      String why = "closed by server: " + verdict.description();
      terminate(new ChatException(verdict.errorCode(), why), why, false);
    }
  }

  private void dropConnection(String reason) {
    if (context.connection() != null) {
      context.connection().abort();
    }
    connectionLost(reason);
    reconnectLater("connection dropped: " + reason);
  }

  private void connectionLost(String reason) {
    connectionLost(new ChatException(ErrorCode.UNAVAILABLE, "connection lost: " + reason));
  }

  private void connectionLost(ChatException cause) {
    attempt++;
    EventLoop.cancel(welcomeTimer);
    heartbeat.stop();
    context.disconnected(cause);
  }

  private void reconnectLater(String reason) {
    if (terminated) {
      return;
    }
    setState(everOpened ? ConnectionState.RECONNECTING : ConnectionState.CONNECTING, reason);
    context.schedule(this::openConnection, settings.backoff().delay(reconnectAttempts++));
  }

  private void terminate(ChatException cause, String reason, boolean polite) {
    if (terminated) {
      return;
    }
    terminated = true;
    Transport.Connection current = context.connection();
    if (current != null) {
      if (polite) {
        current.close();
      } else {
        current.abort();
      }
    }
    setState(ConnectionState.CLOSED, reason);
    connectionLost(cause);
    context.terminated(cause);
    firstWelcome.completeExceptionally(cause);
    onTerminated.run();
  }

  private void setState(ConnectionState next, String reason) {
    if (state == next) {
      return;
    }
    state = next;
    context.notifyListener(next, reason);
  }

  private static ChatException closedError() {
    return new ChatException(ErrorCode.UNAVAILABLE, "client closed");
  }

  /** Transport callbacks for one connection attempt; stale attempts are ignored. */
  private final class ConnectionEvents implements Transport.Events {
    private final int opening;

    ConnectionEvents(int opening) {
      this.opening = opening;
    }

    @Override
    public void opened(Transport.Connection opened) {
      if (!eventLoop.execute(() -> ClientSession.this.opened(opening, opened))) {
        opened.abort();
      }
    }

    @Override
    public void received(ServerMessage message) {
      eventLoop.execute(() -> {
        if (opening == attempt) {
          router.route(message);
        }
      });
    }

    @Override
    public void closed(int statusCode, String reason) {
      eventLoop.execute(() -> {
        if (opening == attempt && !terminated) {
          ClientSession.this.closed(statusCode, reason);
        }
      });
    }

    @Override
    public void failed(Throwable cause) {
      eventLoop.execute(() -> ClientSession.this.failed(opening, cause));
    }
  }
}
