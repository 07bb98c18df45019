package io.switchboard.server.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.checker.CheckReport;
import io.switchboard.sdk.ConnectionState;
import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.NodeProcess;
import io.switchboard.server.testing.TestServices;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * F2: every node of a cluster is restarted in turn with SIGTERM under load. A stopping node
 * closes its WebSockets with 1001 (going away); the clients reconnect through the load balancer,
 * resume, and the history checker is clean. Full-length only (scripts/faults.sh).
 */
class RollingRestartFaultTest {
  @Test
  @Tag("fault-long")
  void rollingSigtermRestartOfEveryNode() throws Exception {
    int nodes = FaultResults.setting("nodes", 2);
    int conversations = FaultResults.setting("conversations", 100);
    int seconds = FaultResults.setting("seconds", 10);
    List<NodeProcess> running = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    try (Database database = Database.open(DatabaseSettings.defaults(TestServices.jdbcUrl()))) {
      for (int i = 0; i < nodes; i++) {
        int port = NodeProcess.freePort();
        ports.add(port);
        running.add(NodeProcess.start(port, Map.of("SWITCHBOARD_NODE_ID", "rolling-" + i)));
      }
      Fixtures fixtures = Fixtures.create(database.jdbi());
      try (LoopbackBalancer balancer = new LoopbackBalancer(ports).start();
          ChatLoad load = new ChatLoad(URI.create("http://127.0.0.1:" + balancer.port()),
              URI.create("ws://127.0.0.1:" + balancer.port() + "/v1/ws"), fixtures,
              TestServices.jdbcUrl())) {
        int agents = Math.max(2, conversations / 5);
        load.agents(agents, (conversations + agents - 1) / agents + 1);
        load.visitors(conversations);
        ChatTraffic traffic = ChatTraffic.start(load, FaultResults.setting("rate", 200));
        Thread.sleep(seconds * 1000L);
        for (int i = 0; i < nodes; i++) {
          running.get(i).terminate();
          running.get(i).close();
          running.set(i, NodeProcess.start(ports.get(i), Map.of("SWITCHBOARD_NODE_ID", "rolling-" + i)));
          Thread.sleep(seconds * 1000L);
        }
        traffic.stop();
        load.awaitSettled(Duration.ofSeconds(120));

        CheckReport report = load.check();
        Duration p99 = load.resumeP99();
        System.out.println("F2: connections lost because " + load.lossReasons());
        List<String> reasons = load.lossReasons().keySet().stream()
            .filter(reason -> !reason.startsWith("unassigned")).toList();
        boolean allGoingAway = reasons.stream().allMatch(reason -> reason.contains("1001"));
        boolean pass = report.clean() && traffic.failed() == 0 && allGoingAway
            && load.clients().stream().noneMatch(c -> c.state() == ConnectionState.CLOSED);
        FaultResults.record("F2 rolling SIGTERM restart", report, p99, pass);
        assertThat(report.violations()).as(report.summary(20)).isEmpty();
        assertThat(traffic.failed()).isZero();
        assertThat(reasons).as("told to reconnect: 1001 going away")
            .allMatch(reason -> reason.contains("1001"));
        assertThat(load.clients()).allMatch(client -> client.state() == ConnectionState.OPEN);
      }
    } finally {
      for (NodeProcess node : running) {
        node.close();
      }
    }
  }
}
