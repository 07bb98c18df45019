package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.testing.NodeTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The console cannot be framed (clickjacking) and carries its Content-Security-Policy as a
 * header, while the widget's page stays frameable by its site (and only by it). Before, the
 * console sent neither {@code frame-ancestors} nor {@code X-Frame-Options}.
 */
class SecurityHeadersTest extends NodeTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @Test
  void everyConsoleResourceRefusesToBeFramed() throws Exception {
    for (String path : List.of("/", "/console", "/console/", "/console/app.js",
        "/console/console.css")) {
      HttpResponse<Void> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
      assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).get()
          .asString().contains("frame-ancestors 'none'").contains("script-src 'self'")
          .contains("object-src 'none'");
      assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
      assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path)
          .hasValue("nosniff");
    }
  }

  @Test
  void theWidgetPageMayBeFramedByItsSiteOnly() throws Exception {
    HttpResponse<Void> response = get("/widget/frame.html?site=" + fixtures.siteKey);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Frame-Options")).isEmpty();
    assertThat(response.headers().firstValue("Content-Security-Policy")).get().asString()
        .startsWith("frame-ancestors ").doesNotContain("'none'");
  }

  private static HttpResponse<Void> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(node.http() + path))
        .GET().build(), BodyHandlers.discarding());
  }
}
