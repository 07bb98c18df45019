package io.switchboard.sdk;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ServerMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * The futures of commands other than {@code send} and {@code resume}, keyed by command id, until
 * the reply with that id arrives. An {@code error} reply, a timeout or the loss of the connection
 * fails the future with a {@link ChatException}. These commands are not retried: whether to issue
 * them again is the caller's choice.
 *
 * <p>Not thread-safe: used on the client's event thread only; timeouts run there too.
 */
final class PendingRequests {
  private final EventLoop eventLoop;
  private final Duration timeout;
  private final Map<String, Pending<?>> pending = new HashMap<>();

  PendingRequests(EventLoop eventLoop, Duration timeout) {
    this.eventLoop = eventLoop;
    this.timeout = timeout;
  }

  /** Waits for the reply to {@code commandId}, which should be of {@code replyType}. */
  <T extends ServerMessage> void await(
      String commandId, Class<T> replyType, CompletableFuture<T> result) {
    Pending<T> request = new Pending<>(replyType, result);
    pending.put(commandId, request);
    request.timer = eventLoop.schedule(
        () -> fail(commandId, new ChatException(ErrorCode.TIMEOUT,
            "no reply within " + timeout.toMillis() + " ms")),
        timeout);
  }

  /** Completes the request a reply answers. Returns false when no request has this id. */
  boolean resolve(String commandId, ServerMessage reply) {
    Pending<?> request = commandId == null ? null : pending.remove(commandId);
    if (request == null) {
      return false;
    }
    request.resolve(reply);
    return true;
  }

  /** Fails every request, for example because the connection was lost. */
  void failAll(ChatException cause) {
    List<String> ids = new ArrayList<>(pending.keySet());
    for (String id : ids) {
      fail(id, cause);
    }
  }

  int size() {
    return pending.size();
  }

  private void fail(String commandId, ChatException cause) {
    Pending<?> request = pending.remove(commandId);
    if (request != null) {
      request.fail(cause);
    }
  }

  private static final class Pending<T extends ServerMessage> {
    private final Class<T> replyType;
    private final CompletableFuture<T> result;
    private ScheduledFuture<?> timer;

    Pending(Class<T> replyType, CompletableFuture<T> result) {
      this.replyType = replyType;
      this.result = result;
    }

    void resolve(ServerMessage reply) {
      EventLoop.cancel(timer);
      if (reply instanceof ServerMessage.Error error) {
        result.completeExceptionally(ChatException.of(error));
      } else if (replyType.isInstance(reply)) {
        result.complete(replyType.cast(reply));
      } else {
        result.completeExceptionally(new ChatException(ErrorCode.INTERNAL,
            "expected " + replyType.getSimpleName() + " but got "
                + reply.getClass().getSimpleName()));
      }
    }

    void fail(ChatException cause) {
      EventLoop.cancel(timer);
      result.completeExceptionally(cause);
    }
  }
}
