package io.switchboard.server.util;

import io.switchboard.protocol.ErrorCode;

/**
 * The one exception domain code throws. It carries the {@link ErrorCode} that the session turns
 * into an {@code error} event; the message is safe to show to the client (no personal data).
 *
 * <p>Immutable and thread-safe.
 */
public final class SwitchboardException extends RuntimeException {
  private final ErrorCode code;

  public SwitchboardException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public SwitchboardException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
