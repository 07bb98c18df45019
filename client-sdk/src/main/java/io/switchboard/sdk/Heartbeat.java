package io.switchboard.sdk;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ServerMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * Pings a welcomed connection at a fixed interval and reports it dead when a {@code pong} does
 * not come back within the request timeout. This finds connections that broke without the TCP
 * stack noticing, and keeps an idle client under the server's idle timeout.
 *
 * <p>Not thread-safe: used on the client's event thread only.
 */
final class Heartbeat {
  private final SessionContext context;
  private final Consumer<String> onDead;
  private ScheduledFuture<?> timer;

  /** {@code onDead} receives the reason when a ping goes unanswered. */
  Heartbeat(SessionContext context, Consumer<String> onDead) {
    this.context = context;
    this.onDead = onDead;
  }

  /** Starts pinging the current connection; does nothing when the interval is zero. */
  void start() {
    stop();
    Duration interval = context.settings().heartbeatInterval();
    if (!interval.isZero()) {
      int connection = context.generation();
      timer = context.schedule(() -> ping(connection), interval);
    }
  }

  void stop() {
    EventLoop.cancel(timer);
    timer = null;
  }

  private void ping(int connection) {
    if (connection != context.generation() || !context.welcomed()) {
      return;
    }
    String commandId = context.nextCommandId();
    CompletableFuture<ServerMessage.Pong> pong = new CompletableFuture<>();
    context.requests().await(commandId, ServerMessage.Pong.class, pong);
    context.write(new ClientMessage.Ping(commandId));
    // Requests complete on the event thread, so this callback runs there too.
    pong.whenComplete((reply, error) -> {
      if (connection != context.generation()) {
        return;
      }
      if (ChatException.unwrap(error) instanceof ChatException failure
          && failure.code() == ErrorCode.TIMEOUT) {
        onDead.accept("no pong within " + context.settings().requestTimeout().toMillis() + " ms");
      } else {
        start();
      }
    });
  }
}
