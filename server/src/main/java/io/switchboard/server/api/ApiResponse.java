package io.switchboard.server.api;

/**
 * A REST reply: an HTTP status and a body serialised as JSON (null for none), or, with a {@code
 * contentType}, a text body sent as it is (an export), or a {@link Page} shown in the browser.
 * A change may carry {@code before}, the state it replaced, for the audit log; it is never sent
 * to the client.
 *
 * <p>Immutable and thread-safe if the body is.
 */
public record ApiResponse(int status, Object body, String contentType, Object before) {
  /**
   * A server-made HTML page shown in the browser (not a download), with the
   * Content-Security-Policy it runs under.
   */
  public record Page(String html, String contentSecurityPolicy) {}

  /** A page to show, with its HTTP status. */
  public static ApiResponse page(int status, String html, String contentSecurityPolicy) {
    return new ApiResponse(status, new Page(html, contentSecurityPolicy), null, null);
  }

  public ApiResponse(int status, Object body) {
    this(status, body, null, null);
  }

  public ApiResponse(int status, Object body, String contentType) {
    this(status, body, contentType, null);
  }

  /** The same reply, recording for the audit log what the change replaced. */
  public ApiResponse withBefore(Object state) {
    return new ApiResponse(status, body, contentType, state);
  }

  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, body);
  }

  public static ApiResponse created(Object body) {
    return new ApiResponse(201, body);
  }

  public static ApiResponse noContent() {
    return new ApiResponse(204, null);
  }

  /** A download sent byte for byte, such as a raw mail. */
  public static ApiResponse bytes(String contentType, byte[] body) {
    return new ApiResponse(200, body, contentType);
  }

  /** A text download, such as a CSV export. */
  public static ApiResponse text(String contentType, String body) {
    return new ApiResponse(200, body, contentType);
  }
}
