package io.switchboard.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.protocol.ErrorCode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls {@link SwitchboardHttp} against the JDK's HTTP server playing the Switchboard API. */
class SwitchboardHttpTest {
  private final Map<String, String> requestBodies = new ConcurrentHashMap<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private URI base;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/visitors", exchange -> {
      read(exchange);
      answer(exchange, 200, "{\"visitorToken\":\"vt-1\",\"contactId\":\"8d7c\","
          + "\"siteId\":\"site-1\",\"extra\":[1]}");
    });
    server.createContext("/api/v1/agents/login", exchange -> {
      String body = read(exchange);
      if (body.contains("\"password\":\"right\"")) {
        answer(exchange, 200, "{\"token\":\"at-1\",\"userId\":\"u-1\",\"role\":\"supervisor\","
            + "\"name\":\"Ann\",\"expiresAt\":\"2026-11-23T09:30:00.000Z\"}");
      } else {
        answer(exchange, 401,
            "{\"error\":{\"code\":\"unauthorized\",\"message\":\"wrong email or password\"}}");
      }
    });
    server.createContext("/api/v1/agents/logout", exchange -> {
      authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/");
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void requestsAVisitorTokenPassingTheExistingOne() {
    VisitorCredentials credentials = SwitchboardHttp.requestVisitorToken(base, "site-key", "vt-0");
    assertThat(credentials).isEqualTo(new VisitorCredentials("vt-1", "8d7c", "site-1"));
    assertThat(requestBodies.get("/api/v1/visitors"))
        .isEqualTo("{\"siteKey\":\"site-key\",\"visitorToken\":\"vt-0\"}");
    assertThat(credentials.toString()).doesNotContain("vt-1");

    SwitchboardHttp.requestVisitorToken(base, "site-key", null);
    assertThat(requestBodies.get("/api/v1/visitors")).isEqualTo("{\"siteKey\":\"site-key\"}");
  }

  @Test
  void logsInAndOut() {
    AgentCredentials agent = SwitchboardHttp.login(base, "ann@example.com", "right");
    assertThat(agent).isEqualTo(new AgentCredentials(
        "at-1", "u-1", "supervisor", "Ann", Instant.parse("2026-11-23T09:30:00Z")));
    SwitchboardHttp.logout(base, agent.token());
    assertThat(authorizations).containsExactly("Bearer at-1");
  }

  @Test
  void aRefusedLoginCarriesTheServersCodeAndMessage() {
    assertThatThrownBy(() -> SwitchboardHttp.login(base, "ann@example.com", "wrong"))
        .isInstanceOf(ChatException.class)
        .hasMessage("unauthorized: wrong email or password")
        .satisfies(e -> assertThat(((ChatException) e).code()).isEqualTo(ErrorCode.UNAUTHORIZED));
  }

  @Test
  void anErrorWithoutTheServersBodyIsClassifiedByStatus() {
    assertThat(HttpErrors.toException(502, "<html>Bad Gateway</html>").code())
        .isEqualTo(ErrorCode.INTERNAL);
    assertThat(HttpErrors.toException(429, "").code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(HttpErrors.toException(404, null).getMessage()).isEqualTo("not_found: HTTP 404");
  }

  @Test
  void anUnreachableServerIsUnavailable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    assertThatThrownBy(() -> SwitchboardHttp.login(
            URI.create("http://127.0.0.1:" + closedPort), "ann@example.com", "right"))
        .isInstanceOf(ChatException.class)
        .satisfies(e -> {
          assertThat(((ChatException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE);
          assertThat(((ChatException) e).temporary()).isTrue();
        });
  }

  @Test
  void theWebSocketUriSharesHostPortAndBasePath() {
    assertThat(SwitchboardHttp.webSocketUri(URI.create("http://localhost:8080")))
        .isEqualTo(URI.create("ws://localhost:8080/v1/ws"));
    assertThat(SwitchboardHttp.webSocketUri(URI.create("https://chat.example.com/api/")))
        .isEqualTo(URI.create("wss://chat.example.com/api/v1/ws"));
  }

  private String read(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requestBodies.put(exchange.getRequestURI().getPath(), body);
    return body;
  }

  private void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
