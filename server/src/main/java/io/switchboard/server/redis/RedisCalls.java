package io.switchboard.server.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.util.SwitchboardException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Runs one asynchronous Redis call and turns its failures into {@link SwitchboardException}s.
 *
 * <p>Redis being unreachable, disconnected, slow (timeout), loading, busy, read-only or out of
 * memory becomes {@link ErrorCode#UNAVAILABLE}: retrying later can succeed. An error that Redis
 * reports for the command itself ({@code ERR ...} or {@code WRONGTYPE ...}, for example a bug in a
 * script) becomes {@link ErrorCode#INTERNAL}.
 *
 * <p>Thread-safe: stateless.
 */
public final class RedisCalls {
  private RedisCalls() {}

  /**
   * Starts {@code call} and returns its result, failing with a {@link SwitchboardException} when it
   * fails, whether it throws at once or completes exceptionally.
   *
   * @param operation a short name of what was attempted, for the exception message
   */
  public static <T> CompletableFuture<T> call(
      String operation, Supplier<? extends CompletionStage<T>> call) {
    CompletionStage<T> stage;
    try {
      stage = call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(translate(operation, e));
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    stage.whenComplete((value, failure) -> {
      if (failure == null) {
        result.complete(value);
      } else {
        result.completeExceptionally(translate(operation, failure));
      }
    });
    return result;
  }

  /** Maps any failure of a Redis call to a {@link SwitchboardException}. */
  public static SwitchboardException translate(String operation, Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof SwitchboardException switchboard) {
      return switchboard;
    }
    if (cause instanceof RedisCommandExecutionException && isCommandError(cause.getMessage())) {
      return new SwitchboardException(ErrorCode.INTERNAL, "Redis rejected " + operation, cause);
    }
    if (cause instanceof RedisException || cause instanceof java.io.IOException) {
      return new SwitchboardException(
          ErrorCode.UNAVAILABLE, "Redis is unavailable for " + operation, cause);
    }
    return new SwitchboardException(ErrorCode.INTERNAL, "Redis call failed: " + operation, cause);
  }

  /** Strips the wrappers that futures add around the real failure. */
  public static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static boolean isCommandError(String message) {
    return message != null && (message.startsWith("ERR") || message.startsWith("WRONGTYPE"));
  }
}
