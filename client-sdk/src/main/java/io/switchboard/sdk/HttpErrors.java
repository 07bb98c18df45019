package io.switchboard.sdk;

import io.switchboard.protocol.ErrorCode;
import java.util.Map;

/**
 * Turns a non-2xx HTTP answer into a {@link ChatException}: the server's
 * {@code {"error":{"code":"...","message":"..."}}} body when it has one, otherwise a code chosen
 * from the HTTP status.
 *
 * <p>Used by {@link SwitchboardHttp} and the REST client {@code io.switchboard.sdk.rest}.
 *
 * <p>Thread-safe: stateless.
 */
public final class HttpErrors {
  private HttpErrors() {}

  /** The exception for a non-2xx answer with this status and body. */
  public static ChatException toException(int status, String body) {
    ErrorCode code = null;
    String message = null;
    try {
      Object error = body == null || body.isBlank() ? null : Json.readObject(body).get("error");
      if (error instanceof Map<?, ?> fields) {
        Object wireCode = fields.get("code");
        Object text = fields.get("message");
        code = wireCode == null ? null : ErrorCode.fromWire(wireCode.toString());
        message = text == null ? null : text.toString();
      }
    } catch (IllegalArgumentException e) {
      // not the server's error body (for example a proxy's HTML page): fall back to the status
    }
    if (code == null) {
      code = forStatus(status);
    }
    return new ChatException(code, message != null ? message : "HTTP " + status);
  }

  static ErrorCode forStatus(int status) {
    return switch (status) {
      case 401 -> ErrorCode.UNAUTHORIZED;
      case 403 -> ErrorCode.FORBIDDEN;
      case 404 -> ErrorCode.NOT_FOUND;
      case 409 -> ErrorCode.CONFLICT;
      case 413 -> ErrorCode.TOO_LARGE;
      case 429 -> ErrorCode.RATE_LIMITED;
      case 503 -> ErrorCode.UNAVAILABLE;
      case 504 -> ErrorCode.TIMEOUT;
      default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST;
    };
  }
}
