package io.switchboard.sdk.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.sdk.ChatException;
import io.switchboard.sdk.HttpErrors;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Sends one JSON request for a {@link RestRoute} and reads the JSON answer: the bearer credential
 * (a user token or an API key) in {@code Authorization}, the body written and the answer read with
 * Jackson, a non-2xx answer turned into a {@link ChatException} with the server's error code.
 *
 * <p>Thread-safe: immutable apart from the thread-safe {@link HttpClient} and
 * {@link ObjectMapper}.
 */
final class RestCalls {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient httpClient;
  private final String base;
  private final String bearer;
  private final Duration timeout;

  RestCalls(HttpClient httpClient, URI httpBase, String bearer, Duration timeout) {
    String scheme = httpBase.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("expected an http:// or https:// URI, not " + httpBase);
    }
    String path = httpBase.getRawPath() == null ? "" : httpBase.getRawPath();
    this.base = scheme + "://" + httpBase.getRawAuthority()
        + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    this.httpClient = httpClient;
    this.bearer = bearer;
    this.timeout = timeout;
  }

  /** The same server and settings with another bearer credential. */
  RestCalls withBearer(String otherBearer) {
    return new RestCalls(httpClient, URI.create(base), otherBearer, timeout);
  }

  /**
   * Calls {@code route} with its path parameters, the query parameters whose values are not null,
   * and {@code body} (null for none) as JSON; returns the answer, or a missing node when empty.
   */
  JsonNode call(RestRoute route, String[] parameters, Map<String, ?> query, Object body) {
    String target = route.path(parameters) + queryString(query);
    HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + target))
        .timeout(timeout)
        .header("Accept", "application/json");
    if (body != null) {
      try {
        publisher = HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("body: cannot be written as JSON: " + e.getMessage(), e);
      }
      request.header("Content-Type", "application/json");
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    request.method(route.method(), publisher);
    HttpResponse<String> response;
    try {
      response = httpClient.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new ChatException(ErrorCode.TIMEOUT, "no answer from " + route.template(), e);
    } catch (IOException e) {
      throw new ChatException(ErrorCode.UNAVAILABLE, "cannot reach the server: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatException(ErrorCode.UNAVAILABLE, "interrupted calling " + route.template(), e);
    }
    if (response.statusCode() < 200 || response.statusCode() > 299) {
      throw HttpErrors.toException(response.statusCode(), response.body());
    }
    if (response.body() == null || response.body().isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new ChatException(ErrorCode.INTERNAL, route.template() + " answered no JSON", e);
    }
  }

  private static String queryString(Map<String, ?> query) {
    if (query == null || query.isEmpty()) {
      return "";
    }
    StringJoiner joined = new StringJoiner("&", "?", "");
    joined.setEmptyValue("");
    query.forEach((name, value) -> {
      if (value instanceof Iterable<?> values) {
        values.forEach(each -> joined.add(pair(name, each)));
      } else if (value != null) {
        joined.add(pair(name, value));
      }
    });
    return joined.toString();
  }

  private static String pair(String name, Object value) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
  }
}
