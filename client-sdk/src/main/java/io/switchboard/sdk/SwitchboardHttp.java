package io.switchboard.sdk;

import io.switchboard.protocol.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP calls a client makes beside the WebSocket: get a visitor token, log an agent in and
 * out, upload an attachment.
 * Each call blocks until the server answers (at most 10 seconds) and throws a
 * {@link ChatException} carrying the server's error code and message for a non-2xx answer, or
 * {@link ErrorCode#UNAVAILABLE} / {@link ErrorCode#TIMEOUT} when the server cannot be reached.
 *
 * <p>Thread-safe: stateless apart from one shared, thread-safe {@link HttpClient}.
 */
public final class SwitchboardHttp {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private SwitchboardHttp() {}

  /**
   * Gets a visitor token for a site. Passing the token from an earlier visit returns it again, so
   * the visitor keeps their contact and history; pass null for a new visitor.
   */
  public static VisitorCredentials requestVisitorToken(
      URI httpBase, String siteKey, String existingTokenOrNull) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("siteKey", siteKey);
    body.put("visitorToken", existingTokenOrNull);
    Map<String, Object> reply = post(httpBase, "/v1/visitors", Json.writeObject(body), null);
    return new VisitorCredentials(
        required(reply, "visitorToken"), required(reply, "contactId"), optional(reply, "siteId"));
  }

  /** Logs an agent in; a wrong email or password throws with {@link ErrorCode#UNAUTHORIZED}. */
  public static AgentCredentials login(URI httpBase, String email, String password) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("email", email);
    body.put("password", password);
    Map<String, Object> reply = post(httpBase, "/v1/agents/login", Json.writeObject(body), null);
    return new AgentCredentials(required(reply, "token"), required(reply, "userId"),
        optional(reply, "role"), optional(reply, "name"), instant(optional(reply, "expiresAt")));
  }

  /**
   * Uploads a file for a visitor or staff {@code token} (feature level 8), streaming it from
   * disk. {@code uploadId} (may be null) makes the upload safe to retry, after a reconnect say:
   * the server answers the first upload again. Refusals throw with the server's code:
   * {@code file_too_large}, {@code unsupported_type}, {@code invalid_field}.
   */
  public static UploadedAttachment uploadAttachment(URI httpBase, String token, Path file,
      String name, String uploadId) throws IOException {
    String query = "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
        + (uploadId == null ? "" : "&uploadId=" + URLEncoder.encode(uploadId,
            StandardCharsets.UTF_8));
    Map<String, Object> reply = call(httpBase, "/v1/attachments" + query,
        HttpRequest.BodyPublishers.ofFile(file), "application/octet-stream", token,
        Duration.ofMinutes(5));
    Object size = reply.get("size");
    return new UploadedAttachment(required(reply, "id"), required(reply, "name"),
        size instanceof Number number ? number.longValue() : -1, required(reply, "contentType"),
        Boolean.TRUE.equals(reply.get("image")), required(reply, "url"),
        instant(optional(reply, "expiresAt")));
  }

  /** Revokes an agent's session token on every server node. */
  public static void logout(URI httpBase, String token) {
    post(httpBase, "/v1/agents/logout", "{}", token);
  }

  /** The WebSocket endpoint on the same host and port: {@code http} becomes {@code ws}. */
  public static URI webSocketUri(URI httpBase) {
    String scheme = "https".equalsIgnoreCase(httpBase.getScheme()) ? "wss" : "ws";
    return URI.create(scheme + "://" + httpBase.getRawAuthority() + basePath(httpBase) + "/v1/ws");
  }

  private static Map<String, Object> post(URI httpBase, String path, String json, String token) {
    return call(httpBase, path, HttpRequest.BodyPublishers.ofString(json), "application/json",
        token, TIMEOUT);
  }

  private static Map<String, Object> call(URI httpBase, String path,
      HttpRequest.BodyPublisher body, String contentType, String token, Duration timeout) {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create(httpBase.getScheme() + "://" + httpBase.getRawAuthority()
                + basePath(httpBase) + path))
        .timeout(timeout)
        .header("Content-Type", contentType)
        .header("Accept", "application/json")
        .POST(body);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response;
    try {
      response = SharedClient.INSTANCE.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new ChatException(ErrorCode.TIMEOUT, "no answer from " + path + " in time", e);
    } catch (IOException e) {
      throw new ChatException(ErrorCode.UNAVAILABLE, "cannot reach the server: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatException(ErrorCode.UNAVAILABLE, "interrupted while calling " + path, e);
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw HttpErrors.toException(status, response.body());
    }
    if (response.body() == null || response.body().isBlank()) {
      return Map.of();
    }
    try {
      return Json.readObject(response.body());
    } catch (IllegalArgumentException e) {
      throw new ChatException(ErrorCode.INTERNAL, path + " answered " + e.getMessage(), e);
    }
  }

  private static String basePath(URI httpBase) {
    String path = httpBase.getRawPath() == null ? "" : httpBase.getRawPath();
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static String required(Map<String, Object> reply, String field) {
    String value = optional(reply, field);
    if (value == null) {
      throw new ChatException(ErrorCode.INTERNAL, "the server's answer lacks " + field);
    }
    return value;
  }

  private static String optional(Map<String, Object> reply, String field) {
    Object value = reply.get(field);
    return value == null ? null : value.toString();
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Created on first use; its threads are daemons, so it never keeps the JVM alive. */
  private static final class SharedClient {
    static final HttpClient INSTANCE = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }
}
