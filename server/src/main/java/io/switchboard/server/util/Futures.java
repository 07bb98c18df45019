package io.switchboard.server.util;

import io.switchboard.protocol.ErrorCode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Helpers for CompletableFuture failures. Stateless and thread-safe. */
public final class Futures {
  private Futures() {}

  /** The real cause behind CompletionException/ExecutionException wrappers. */
  public static Throwable unwrap(Throwable error) {
    Throwable current = error;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /** The failure as a SwitchboardException; anything unexpected becomes INTERNAL. */
  public static SwitchboardException asSwitchboard(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof SwitchboardException e) {
      return e;
    }
    return new SwitchboardException(ErrorCode.INTERNAL, "internal error, retry", cause);
  }
}
