package io.switchboard.server.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.checker.CheckReport;
import io.switchboard.sdk.ConnectionState;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.TestServices;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.LongSummaryStatistics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * F9: a reconnect storm. Every WebSocket through the load balancer is reset at the same moment
 * while messages flow. The clients come back spread out by their jittered backoff, resume every
 * conversation, and the history checker finds no gap and no duplicate.
 */
class ReconnectStormFaultTest extends NodeTest {
  @Test
  void twoHundredSocketsDroppedAtOnce() throws Exception {
    run("F9 reconnect storm", 200, 100, 2, Duration.ofMillis(250), Duration.ofSeconds(2));
  }

  @Test
  @Tag("fault-long")
  void twoThousandSocketsDroppedAtOnce() throws Exception {
    run("F9 reconnect storm (full)", FaultResults.setting("sockets", 2000),
        FaultResults.setting("rate", 500), FaultResults.setting("seconds", 5),
        Duration.ofMillis(500), Duration.ofSeconds(5));
  }

  private void run(String scenario, int sockets, int rate, int seconds, Duration backoffMin,
      Duration backoffMax) throws Exception {
    int agents = Math.max(2, sockets / 10);
    int visitors = sockets - agents;
    try (LoopbackBalancer balancer = new LoopbackBalancer(List.of(node.port())).start();
        ChatLoad load = new ChatLoad(URI.create("http://127.0.0.1:" + balancer.port()),
            URI.create("ws://127.0.0.1:" + balancer.port() + "/v1/ws"), fixtures,
            TestServices.jdbcUrl()).backoff(backoffMin, backoffMax)) {
      long setUp = System.nanoTime();
      load.agents(agents, (visitors + agents - 1) / agents + 1);
      load.visitors(visitors);
      System.out.printf("%s: %d clients set up in %d ms%n", scenario, sockets,
          (System.nanoTime() - setUp) / 1_000_000);
      assertThat(balancer.openConnections()).as("WebSockets, and HTTP keep-alive")
          .isGreaterThanOrEqualTo(sockets);
      ChatTraffic traffic = ChatTraffic.start(load, rate);
      Thread.sleep(seconds * 1000L);
      long droppedAt = System.nanoTime();
      balancer.dropAll();
      Thread.sleep(seconds * 1000L);
      traffic.stop();
      long settling = System.nanoTime();
      load.awaitSettled(Duration.ofSeconds(120));
      System.out.printf("%s: settled in %d ms%n", scenario, (System.nanoTime() - settling) / 1_000_000);

      CheckReport report = load.check();
      Duration p99 = load.resumeP99();
      LongSummaryStatistics spread = load.reconnectedAt().stream()
          .mapToLong(at -> (at - droppedAt) / 1_000_000).summaryStatistics();
      System.out.printf("%s: %d reconnects between %d and %d ms after the drop, p99 %s%n",
          scenario, spread.getCount(), spread.getMin(), spread.getMax(), p99);
      boolean pass = report.clean() && traffic.failed() == 0 && spread.getCount() >= sockets;
      FaultResults.record(scenario, report, p99, pass);
      assertThat(report.violations()).as(report.summary(20)).isEmpty();
      assertThat(traffic.failed()).isZero();
      assertThat(report.acknowledged()).isEqualTo(report.sent());
      assertThat(spread.getCount()).as("every client reconnected").isGreaterThanOrEqualTo(sockets);
      assertThat(spread.getMax() - spread.getMin()).as("reconnects spread out by jitter")
          .isGreaterThanOrEqualTo(backoffMin.toMillis() / 4);
      assertThat(load.clients()).allMatch(client -> client.state() == ConnectionState.OPEN);
    }
  }
}
