package io.switchboard.server.api;

/**
 * A REST reply: an HTTP status and a body serialised as JSON (null for none).
 *
 * <p>Immutable and thread-safe if the body is.
 */
public record ApiResponse(int status, Object body) {
  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, body);
  }

  public static ApiResponse created(Object body) {
    return new ApiResponse(201, body);
  }

  public static ApiResponse noContent() {
    return new ApiResponse(204, null);
  }
}
