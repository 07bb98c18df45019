package io.switchboard.server.attachment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Raw-body uploads and downloads of attachments for tests.
 *
 * <p>Thread-safe.
 */
final class Uploads {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A status and a parsed JSON body (null when empty). */
  record Reply(int status, JsonNode body) {}

  private Uploads() {}

  static Reply upload(URI base, String token, String name, byte[] bytes)
      throws IOException, InterruptedException {
    String query = name == null ? "" : "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v1/attachments" + query))
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
        .header("Content-Type", "application/octet-stream");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = CLIENT.send(request.build(),
        HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(),
        response.body().isEmpty() ? null : JSON.readTree(response.body()));
  }

  static HttpResponse<byte[]> download(URI base, String url)
      throws IOException, InterruptedException {
    return CLIENT.send(HttpRequest.newBuilder(base.resolve(url)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
