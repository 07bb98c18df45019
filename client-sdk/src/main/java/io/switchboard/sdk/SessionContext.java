package io.switchboard.sdk;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ServerMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

/**
 * The state a {@link ClientSession} and its {@link MessageRouter} share: the current connection,
 * whether it has been welcomed, the outbox, the delivery cursors and the pending requests, plus
 * the helpers both need (writing a command, scheduling a timer, notifying the listener).
 *
 * <p>Not thread-safe: used on the client's event thread only.
 */
final class SessionContext {
  private static final System.Logger LOG = System.getLogger(SessionContext.class.getName());

  private final EventLoop eventLoop;
  private final SessionSettings settings;
  private final Supplier<String> commandIds;
  private final Outbox outbox = new Outbox();
  private final DeliveryTracker delivery = new DeliveryTracker();
  private final PendingRequests requests;
  private final Map<String, List<CompletableFuture<ServerMessage.Resumed>>> followers =
      new HashMap<>();
  private Transport.Connection connection;
  private boolean welcomed;
  private volatile int serverFeatureLevel;
  private int generation;

  SessionContext(EventLoop eventLoop, SessionSettings settings, Supplier<String> commandIds) {
    this.eventLoop = eventLoop;
    this.settings = settings;
    this.commandIds = commandIds;
    this.requests = new PendingRequests(eventLoop, settings.requestTimeout());
  }

  Outbox outbox() {
    return outbox;
  }

  DeliveryTracker delivery() {
    return delivery;
  }

  PendingRequests requests() {
    return requests;
  }

  SessionSettings settings() {
    return settings;
  }

  String nextCommandId() {
    return commandIds.get();
  }

  /** The current connection, or null between connections. */
  Transport.Connection connection() {
    return connection;
  }

  /** True once the current connection has received {@code welcome}. */
  boolean welcomed() {
    return welcomed;
  }

  /** Counts connections; a timer started on one connection checks it is still current. */
  int generation() {
    return generation;
  }

  void connected(Transport.Connection opened) {
    connection = opened;
    welcomed = false;
    generation++;
  }

  /** The connection is welcomed by a server that speaks {@code featureLevel}. */
  void markWelcomed(int featureLevel) {
    welcomed = true;
    serverFeatureLevel = featureLevel;
  }

  /** The feature level of the last {@code welcome}; 0 before the first. Thread-safe. */
  int serverFeatureLevel() {
    return serverFeatureLevel;
  }

  /** Completes {@code result} with the next {@code resumed} of the conversation. */
  void awaitResumed(String conversationId, CompletableFuture<ServerMessage.Resumed> result) {
    followers.computeIfAbsent(conversationId, id -> new ArrayList<>()).add(result);
  }

  /** Completes the futures waiting for this conversation's {@code resumed}. */
  void resumedArrived(ServerMessage.Resumed resumed) {
    List<CompletableFuture<ServerMessage.Resumed>> waiting =
        followers.remove(resumed.conversationId());
    if (waiting != null) {
      waiting.forEach(result -> result.complete(resumed));
    }
  }

  /** Fails the futures waiting for a conversation the server refused to resume. */
  void resumeRefused(String conversationId, ChatException cause) {
    List<CompletableFuture<ServerMessage.Resumed>> waiting = followers.remove(conversationId);
    if (waiting != null) {
      waiting.forEach(result -> result.completeExceptionally(cause));
    }
  }

  /**
   * The connection is gone: fail the pending requests, and keep outbox entries and resumes for
   * the next connection.
   */
  void disconnected(ChatException cause) {
    connection = null;
    welcomed = false;
    generation++;
    requests.failAll(cause);
    outbox.connectionLost();
    delivery.connectionLost();
  }

  /** The session has ended for good: every send still in the outbox fails. */
  void terminated(ChatException cause) {
    outbox.failAll(cause);
    List<String> waiting = new ArrayList<>(followers.keySet());
    waiting.forEach(conversationId -> resumeRefused(conversationId, cause));
  }

  /** Writes a command on the current connection; dropped when there is none. */
  void write(ClientMessage command) {
    if (connection != null) {
      connection.send(command);
    }
  }

  /** Runs {@code task} on the event thread after {@code delay}; null once the client is shut. */
  ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    return eventLoop.schedule(task, delay);
  }

  /**
   * Passes a server message to the listener, first to {@code onEvent} and then to its typed
   * method, shielding the session from its failures.
   */
  void notifyListener(ServerMessage message) {
    try {
      settings.listener().onEvent(message);
      EventDispatch.dispatch(settings.listener(), message);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "listener failed on " + message.getClass().getSimpleName(), e);
    }
  }

  /** Reports a state change to the listener, shielding the session from its failures. */
  void notifyListener(ConnectionState state, String reason) {
    try {
      settings.listener().onStateChange(state, reason);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "listener failed on state change to " + state, e);
    }
  }

  ClientLog log() {
    return settings.log();
  }
}
