package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.bench.suite.BenchOptions;
import io.switchboard.bench.suite.BenchSuite;
import io.switchboard.bench.suite.Scale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite's smoke mode: the real driver processes against a real Switchboard node (embedded
 * PostgreSQL and Redis) with tiny numbers, W1 to W5, so that the suite cannot rot. It checks that
 * the report files are written and that their figures are sane, never how fast anything was. The
 * peer takes part only when its folder is named by {@code SWITCHBOARD_PEER_DIR} and already has
 * its node_modules; the test never downloads it.
 */
class BenchSmokeTest {
  @TempDir
  Path out;

  @Test
  void theSuiteRunsEndToEndAndWritesSaneResults() throws Exception {
    String peer = System.getenv("SWITCHBOARD_PEER_DIR");
    String classPath = System.getProperty("java.class.path");
    BenchOptions options = new BenchOptions(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        List.of("-cp", classPath, "io.switchboard.server.Main"), classPath,
        peer == null ? null : Path.of(peer), false, out, Scale.smoke(),
        List.of("W1", "W2", "W3", "W4", "W5"), "smoke test");

    Path md = new BenchSuite(options).run();

    assertThat(md).exists();
    String stem = md.getFileName().toString().replace(".md", "");
    assertThat(out.resolve(stem + "-latency.svg")).content().startsWith("<svg");
    assertThat(Files.readString(md)).contains("## Targets", "## W1", "## W2", "## W5");
    JsonNode report = new ObjectMapper().readTree(out.resolve(stem + ".json").toFile());
    JsonNode r = report.path("results");
    Scale s = Scale.smoke();

    JsonNode w1 = r.path("W1");
    assertThat(w1.path("connections").asInt()).isEqualTo(s.sessions());
    assertThat(w1.path("started").asInt()).isEqualTo(s.sessions());
    assertThat(w1.path("handshake").path("count").asInt()).isEqualTo(s.sessions());
    assertThat(w1.path("rssAfterMiB").asDouble()).isPositive();
    assertThat(w1.path("idle").has("cpuPercent")).isTrue();

    JsonNode w2 = r.path("W2");
    assertThat(w2.path("rounds")).isNotEmpty();
    for (JsonNode round : w2.path("rounds")) {
      for (JsonNode step : round.path("steps")) {
        assertThat(step.path("sent").asLong()).isPositive();
        assertThat(step.path("acked").asLong()).isPositive();
        assertThat(step.path("lost").asLong()).isZero();
        assertThat(step.path("delivery").path("count").asLong()).isPositive();
        assertThat(step.path("delivery").path("p99Ms").asDouble())
            .isGreaterThanOrEqualTo(step.path("delivery").path("p50Ms").asDouble());
        assertThat(step.has("stealPercent")).isTrue();
        // CPU per process from /proc: the stores were found by their listening ports
        assertThat(step.path("cpuMs").has("server")).isTrue();
        assertThat(step.path("cpuMs").has("postgres")).isTrue();
        assertThat(step.path("cpuMs").has("redis")).isTrue();
        assertThat(step.path("cpuMs").has("driver")).isTrue();
        assertThat(step.path("cpuMsPer1000").path("total").asDouble()).isPositive();
      }
      assertThat(round.path("maxSustained").asDouble())
          .isGreaterThanOrEqualTo(round.path("gridMaxSustained").asDouble());
      assertThat(round.path("steps").size()).isLessThanOrEqualTo(s.chatRates().length
          + s.searchSteps());
    }
    assertThat(w2.path("echoFloor")).isNotEmpty();
    assertThat(w2.path("cpuMsPer1000Messages").path("echo").path("driver").asDouble())
        .isPositive();
    assertThat(r.path("W3").path("runs")).isNotEmpty();

    JsonNode w4 = r.path("W4");
    assertThat(w4.path("steps").get(0).path("assigned").asLong()).isPositive();
    assertThat(w4.path("steps").get(0).path("maxAgentsOverCapacity").asLong()).isZero();
    assertThat(w4.path("steps").get(0).path("cpuMs").has("postgres")).isTrue();

    JsonNode w5 = r.path("W5");
    assertThat(w5.path("resumed").asInt()).isEqualTo(s.sessions());
    assertThat(w5.path("gaps").asInt()).isZero();
    assertThat(report.path("targets")).isNotEmpty();
  }
}
