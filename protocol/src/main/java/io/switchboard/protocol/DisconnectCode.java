package io.switchboard.protocol;

/**
 * WebSocket close codes the server uses, and whether the client should reconnect after each.
 * Codes below 4000 are the RFC 6455 ones; 4000-4999 are Switchboard's own.
 *
 * <p>Immutable and thread-safe.
 */
public enum DisconnectCode {
  /** The server is shutting down or restarting; reconnect (to any node) and resume. */
  GOING_AWAY(1001, true),
  /** A protocol violation at the WebSocket level; do not reconnect with the same client. */
  PROTOCOL_ERROR(1002, false),
  /** A binary frame: this protocol speaks JSON text frames only. */
  UNSUPPORTED_DATA(1003, false),
  /** A text frame that is not valid UTF-8. */
  INVALID_PAYLOAD(1007, false),
  /** A policy violation, such as a wrong Origin. */
  POLICY_VIOLATION(1008, false),
  /** A frame over the size limit. */
  MESSAGE_TOO_BIG(1009, false),
  /** An unexpected server fault; reconnect with backoff and resume. */
  INTERNAL_ERROR(1011, true),
  /** No frame arrived within the idle timeout; reconnect and resume. */
  IDLE_TIMEOUT(4000, true),
  /** The token was revoked or expired; log in again before reconnecting. */
  AUTH_REVOKED(4001, false),
  /** The client did not read fast enough and its buffer filled up; reconnect and resume. */
  SLOW_CONSUMER(4002, true),
  /** Too many commands; reconnect after a pause. */
  RATE_LIMITED(4003, true);

  private final int code;
  private final boolean reconnect;

  DisconnectCode(int code, boolean reconnect) {
    this.code = code;
    this.reconnect = reconnect;
  }

  /** The WebSocket close status code. */
  public int code() {
    return code;
  }

  /** True when the client should reconnect (with jittered backoff) and resume. */
  public boolean reconnect() {
    return reconnect;
  }

  /** The known code for a close status, or null for one this protocol does not define. */
  public static DisconnectCode fromCode(int code) {
    for (DisconnectCode value : values()) {
      if (value.code == code) {
        return value;
      }
    }
    return null;
  }
}
