package io.switchboard.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Small JSON-over-HTTP calls for tests. Thread-safe. */
public final class Http {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A status and a parsed JSON body (null when empty). */
  public record Reply(int status, JsonNode body) {}

  private Http() {}

  public static Reply post(URI base, String path, String json) throws IOException, InterruptedException {
    return post(base, path, json, Map.of());
  }

  /** A POST with a JSON body and extra {@code headers} (such as {@code X-Forwarded-For}). */
  public static Reply post(URI base, String path, String json, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(builder::header);
    HttpRequest request = builder.build();
    HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(),
        response.body().isEmpty() ? null : JSON.readTree(response.body()));
  }

  /** Any method with an optional bearer token and an optional JSON body. */
  public static Reply call(String method, URI base, String path, String token, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      builder.header("Content-Type", "application/json");
    }
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(),
        response.body().isEmpty() ? null : JSON.readTree(response.body()));
  }

  public static Reply get(URI base, String path, String token) throws IOException, InterruptedException {
    return call("GET", base, path, token, null);
  }

  /** A new visitor token for the site. */
  public static String visitorToken(URI base, String siteKey) throws IOException, InterruptedException {
    Reply reply = post(base, "/v1/visitors", "{\"siteKey\":\"" + siteKey + "\"}");
    if (reply.status() != 200) {
      throw new AssertionError("visitor token request failed: " + reply);
    }
    return reply.body().get("visitorToken").asText();
  }

  public static String agentToken(URI base, Fixtures.Agent agent) throws IOException, InterruptedException {
    Reply reply = post(base, "/v1/agents/login",
        "{\"email\":\"" + agent.email() + "\",\"password\":\"" + agent.password() + "\"}");
    if (reply.status() != 200) {
      throw new AssertionError("login failed: " + reply);
    }
    return reply.body().get("token").asText();
  }
}
