package io.switchboard.sdk;

import io.switchboard.protocol.DisconnectCode;
import io.switchboard.protocol.ErrorCode;

/**
 * What a WebSocket close means for the client: a description for the listener, whether to
 * reconnect, and for a close that forbids reconnecting, the error code that fails whatever is
 * still pending. A code the protocol does not define, and an abnormal close (1006, no close
 * frame), allow reconnecting.
 *
 * <p>Immutable and thread-safe.
 *
 * @param description the close code's name and number, and the server's reason if it gave one
 * @param reconnect true when the client should reconnect and resume
 * @param errorCode why the client stops, when it does not reconnect; null otherwise
 */
record CloseVerdict(String description, boolean reconnect, ErrorCode errorCode) {

  static CloseVerdict of(int statusCode, String reason) {
    DisconnectCode known = DisconnectCode.fromCode(statusCode);
    String description = (known != null ? known + " (" + statusCode + ")" : "close " + statusCode)
        + (reason == null || reason.isBlank() ? "" : ": " + reason);
    if (known == null || known.reconnect()) {
      return new CloseVerdict(description, true, null);
    }
    ErrorCode errorCode = switch (known) {
      case AUTH_REVOKED -> ErrorCode.UNAUTHORIZED;
      case POLICY_VIOLATION -> ErrorCode.FORBIDDEN;
      case MESSAGE_TOO_BIG -> ErrorCode.TOO_LARGE;
      default -> ErrorCode.BAD_REQUEST;
    };
    return new CloseVerdict(description, false, errorCode);
  }
}
