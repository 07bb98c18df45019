package io.switchboard.sdk;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ServerMessage;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A command or request failed. {@link #code()} is the server's error code, or the code the client
 * chose for a local failure: {@link ErrorCode#UNAVAILABLE} when the connection was lost or the
 * client is closed, {@link ErrorCode#TIMEOUT} when no reply came in time. {@link #temporary()}
 * says whether issuing the same command again later can succeed.
 *
 * <p>Immutable and thread-safe.
 */
public final class ChatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final boolean temporary;

  public ChatException(ErrorCode code, String message) {
    this(code, message, code.temporary(), null);
  }

  public ChatException(ErrorCode code, String message, Throwable cause) {
    this(code, message, code.temporary(), cause);
  }

  private ChatException(ErrorCode code, String message, boolean temporary, Throwable cause) {
    super(code.wire() + ": " + message, cause);
    this.code = code;
    this.temporary = temporary;
  }

  /** The exception for an {@code error} reply from the server. */
  public static ChatException of(ServerMessage.Error error) {
    return new ChatException(error.code(), error.message(), error.temporary(), null);
  }

  /** The cause inside the wrappers that futures add around a failure. */
  static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  public ErrorCode code() {
    return code;
  }

  /** True when the same command may succeed if it is issued again later. */
  public boolean temporary() {
    return temporary;
  }
}
