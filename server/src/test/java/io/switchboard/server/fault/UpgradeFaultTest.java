package io.switchboard.server.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.checker.CheckReport;
import io.switchboard.sdk.ConnectionState;
import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.NodeProcess;
import io.switchboard.server.testing.StoreFixture;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * F12: an upgrade without downtime. Nodes of the previous build (its server jar, which
 * {@code scripts/upgrade-drill.sh} builds from an earlier commit) create a fresh database with
 * that build's migrations and carry chat load; the current build's migrations are applied while
 * they serve; then every node in turn gets SIGTERM and is replaced on its port by the current
 * build. The history checker must find nothing lost, duplicated or reordered, no send may fail
 * and every client must be connected at the end. How connections ended is printed, not required:
 * the nodes stopped are the earlier build's, and builds before the close handshake fix cut TCP
 * right after their 1001, so a client sending at that instant sees 1006 and simply reconnects.
 * F2 holds the current build to 1001 only. Full-length only.
 */
class UpgradeFaultTest {
  @Test
  @Tag("fault-long")
  void rollingUpgradeFromThePreviousBuildUnderLoad() throws Exception {
    String previousJar = System.getProperty("upgrade.previousJar", "");
    assertThat(previousJar).as("-Dupgrade.previousJar: the earlier build's server jar"
        + " (scripts/upgrade-drill.sh builds it)").isNotBlank();
    int nodes = FaultResults.setting("nodes", 2);
    int conversations = FaultResults.setting("conversations", 60);
    int rate = FaultResults.setting("rate", 200);
    int seconds = FaultResults.setting("seconds", 10);
    String url = StoreFixture.freshDatabaseUrl();
    List<NodeProcess> running = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    try {
      for (int i = 0; i < nodes; i++) {
        int port = NodeProcess.freePort();
        ports.add(port);
        running.add(NodeProcess.start(port, settings(url, "previous-" + i), previousJar));
      }
      // Accounts and queues go in through the current build's code, on the previous schema.
      Fixtures fixtures = Fixtures.create(
          Jdbi.create(url).installPlugin(new PostgresPlugin()));
      try (LoopbackBalancer balancer = new LoopbackBalancer(ports).start();
          ChatLoad load = new ChatLoad(URI.create("http://127.0.0.1:" + balancer.port()),
              URI.create("ws://127.0.0.1:" + balancer.port() + "/v1/ws"), fixtures, url)) {
        int agents = Math.max(2, conversations / 5);
        load.agents(agents, (conversations + agents - 1) / agents + 1);
        load.visitors(conversations);
        ChatTraffic traffic = ChatTraffic.start(load, rate);
        carryOn(traffic, rate, seconds);
        long migrationStart = System.nanoTime();
        try (Database migrated = Database.open(DatabaseSettings.defaults(url))) {
          System.out.printf("F12: the current build's migrations applied under load in %d ms%n",
              Duration.ofNanos(System.nanoTime() - migrationStart).toMillis());
        }
        carryOn(traffic, rate, seconds);
        for (int i = 0; i < nodes; i++) {
          running.get(i).terminate();
          running.get(i).close();
          running.set(i, NodeProcess.start(ports.get(i), settings(url, "current-" + i)));
          carryOn(traffic, rate, seconds);
        }
        traffic.stop();
        load.awaitSettled(Duration.ofSeconds(120));

        CheckReport report = load.check();
        System.out.println("F12: connections lost because " + load.lossReasons());
        boolean pass = report.clean() && traffic.failed() == 0
            && load.clients().stream().allMatch(c -> c.state() == ConnectionState.OPEN);
        FaultResults.record("F12 rolling upgrade", report, load.resumeP99(), pass);
        assertThat(report.violations()).as(report.summary(20)).isEmpty();
        assertThat(traffic.failed()).as("sends that failed").isZero();
        assertThat(load.clients()).allMatch(client -> client.state() == ConnectionState.OPEN);
      }
    } finally {
      for (NodeProcess node : running) {
        node.close();
      }
    }
  }

  private static Map<String, String> settings(String databaseUrl, String nodeId) {
    return Map.of("SWITCHBOARD_DATABASE_URL", databaseUrl, "SWITCHBOARD_NODE_ID", nodeId);
  }

  /** Returns once the traffic has issued {@code seconds} more seconds' worth of messages. */
  private static void carryOn(ChatTraffic traffic, int rate, int seconds) {
    long target = traffic.issued() + (long) rate * seconds;
    await().atMost(Duration.ofSeconds(seconds * 10L)).pollInterval(Duration.ofMillis(100))
        .until(() -> traffic.issued() >= target);
  }
}
