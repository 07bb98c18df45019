package io.switchboard.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.RawSocket;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.TcpProxy;
import io.switchboard.server.testing.TestServices;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM's drain on a real node (the method Main's shutdown hook calls): {@code /readyz} turns
 * 503, a new WebSocket upgrade and a new REST request get 503, an open client sees close code
 * 1001 (going away), while {@code /healthz} still says the process is alive until it stops.
 */
class DrainTest {
  @Test
  void drainingTurnsUnreadyRefusesNewWorkAndSendsClientsAway() throws Exception {
    try (TestNode node = TestNode.start()) {
      Fixtures fixtures = Fixtures.create(node.node().database().jdbi());
      Http.Reply ready = Http.get(node.http(), "/readyz", null);
      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.body().get("status").asText()).isEqualTo("ready");
      assertThat(ready.body().get("database").asText()).isEqualTo("ok");
      assertThat(ready.body().get("redis").asText()).isEqualTo("ok");
      assertThat(ready.body().get("migrations").asText()).isEqualTo("done");
      String token = Http.visitorToken(node.http(), fixtures.siteKey);
      String laterToken = Http.visitorToken(node.http(), fixtures.siteKey);
      try (RawSocket open = RawSocket.connect(node.ws(), token)) {
        open.next("welcome");

        node.node().drain();

        assertThat(open.closeCode(Duration.ofSeconds(5))).as("going away").isEqualTo(1001);
        Http.Reply unready = Http.get(node.http(), "/readyz", null);
        assertThat(unready.status()).isEqualTo(503);
        JsonNode body = unready.body();
        assertThat(body.get("status").asText()).isEqualTo("draining");
        assertThat(body.get("draining").asBoolean()).isTrue();
        assertThatThrownBy(() -> RawSocket.connect(node.ws(), laterToken))
            .as("a new upgrade is refused").hasStackTraceContaining("503");
        assertThat(Http.post(node.http(), "/v1/visitors",
            "{\"siteKey\":\"" + fixtures.siteKey + "\"}").status()).isEqualTo(503);
        assertThat(Http.get(node.http(), "/healthz", null).status()).as("still alive")
            .isEqualTo(200);
        assertThat(Scrape.of(node.http(), null).sum("switchboard_ready")).isZero();
      }
    }
  }

  @Test
  void readyzSaysWhichStoreIsUnreachableWhileHealthzStaysAlive() throws Exception {
    URI redis = URI.create(TestServices.redisUrl());
    try (TcpProxy proxy = new TcpProxy(redis.getHost(), redis.getPort()).start();
        TestNode node = TestNode.start(Map.of("SWITCHBOARD_REDIS_URL",
            "redis://127.0.0.1:" + proxy.port()))) {
      assertThat(Http.get(node.http(), "/readyz", null).status()).isEqualTo(200);
      assertThat(Scrape.of(node.http(), null).sum("switchboard_ready")).isEqualTo(1);

      proxy.stop();

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        Http.Reply unready = Http.get(node.http(), "/readyz", null);
        assertThat(unready.status()).isEqualTo(503);
        assertThat(unready.body().get("redis").asText()).isEqualTo("unreachable");
        assertThat(unready.body().get("database").asText()).isEqualTo("ok");
        assertThat(unready.body().get("status").asText()).isEqualTo("unready");
      });
      Http.Reply alive = Http.get(node.http(), "/healthz", null);
      assertThat(alive.status()).isEqualTo(200);
      assertThat(alive.body().get("status").asText()).isEqualTo("ok");

      proxy.start();
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(Http.get(node.http(), "/readyz", null).status()).isEqualTo(200));
    }
  }
}
