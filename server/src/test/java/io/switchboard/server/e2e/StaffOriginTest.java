package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * A staff token opens a WebSocket only from the console's own origin, from an origin in
 * {@code SWITCHBOARD_STAFF_ORIGINS}, or from a client that sends no Origin (not a browser).
 * Before, {@code https://evil.example}, {@code null} and look-alike origins were all accepted.
 */
class StaffOriginTest extends NodeTest {

  @Test
  void staffSocketsComeFromTheConsolesOwnOriginOnly() throws Exception {
    String token = Http.agentToken(node.http(), fixtures.addAgent(1));
    String own = node.http().toString();
    assertThat(handshake(node, token, null)).isEqualTo(101);
    assertThat(handshake(node, token, own)).isEqualTo(101);
    for (String origin : new String[] {"https://evil.example", "null", own + ".evil.example",
        own + "@evil.example", own.replace("127.0.0.1", "localhost"), "https://support.example.com"}) {
      assertThat(handshake(node, token, origin)).as(origin).isEqualTo(403);
    }
    // A visitor of a site without an allow-list may still come from anywhere.
    assertThat(handshake(node, Http.visitorToken(node.http(), fixtures.siteKey),
        "https://shop.example")).isEqualTo(101);
  }

  @Test
  void aConfiguredOriginMayOpenStaffSockets() throws Exception {
    try (TestNode other = TestNode.start(
        Map.of("SWITCHBOARD_STAFF_ORIGINS", "https://support.example.com"))) {
      String token = Http.agentToken(other.http(), fixtures.addAgent(1));
      assertThat(handshake(other, token, "https://support.example.com")).isEqualTo(101);
      assertThat(handshake(other, token, "https://support.example.com.evil.example"))
          .isEqualTo(403);
    }
  }

  /** The handshake's HTTP status: 101 when the socket opened. */
  private static int handshake(TestNode target, String token, String origin) {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
        .subprotocols("switchboard.v1.json");
    if (origin != null) {
      builder.header("Origin", origin);
    }
    try {
      WebSocket socket = builder.buildAsync(URI.create(target.ws() + "?token=" + token),
          new WebSocket.Listener() {}).join();
      socket.abort();
      return 101;
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw e;
    }
  }
}
