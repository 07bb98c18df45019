package io.switchboard.server.util;

import io.switchboard.protocol.ErrorCode;
import java.time.Duration;

/**
 * The one exception domain code throws. It carries the {@link ErrorCode} that the session turns
 * into an {@code error} event; the message is safe to show to the client (no personal data). A
 * refusal that lifts by itself (a rate limit, a lockout) also says when the caller may try again.
 *
 * <p>Immutable and thread-safe.
 */
public final class SwitchboardException extends RuntimeException {
  private final ErrorCode code;
  private final Duration retryAfter;

  public SwitchboardException(ErrorCode code, String message) {
    this(code, message, (Duration) null);
  }

  public SwitchboardException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.retryAfter = null;
  }

  /** A refusal the caller may retry after {@code retryAfter} (null when not known). */
  public SwitchboardException(ErrorCode code, String message, Duration retryAfter) {
    super(message);
    this.code = code;
    this.retryAfter = retryAfter;
  }

  /** {@link ErrorCode#RATE_LIMITED}: too many attempts; the caller may retry after the pause. */
  public static SwitchboardException rateLimited(String message, Duration retryAfter) {
    return new SwitchboardException(ErrorCode.RATE_LIMITED, message, retryAfter);
  }

  public ErrorCode code() {
    return code;
  }

  /** When the caller may try again, or null when the refusal does not lift by itself. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** {@link #retryAfter} in whole milliseconds (at least 1), or null. */
  public Long retryAfterMillis() {
    return retryAfter == null ? null : Math.max(1, retryAfter.toMillis());
  }
}
