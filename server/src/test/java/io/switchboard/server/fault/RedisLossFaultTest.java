package io.switchboard.server.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.checker.CheckReport;
import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.TestServices;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * F3: Redis is killed with SIGKILL under load on two nodes and started again, empty, after a
 * pause. Sends are delayed or told to retry, never lost: every one is acknowledged in the end.
 * Cross-node delivery through pub/sub comes back (measured by probes in every conversation),
 * routing state is rebuilt (a new visitor is assigned), and the history checker is clean.
 */
class RedisLossFaultTest {
  private static final Duration RESUBSCRIBE_TARGET = Duration.ofSeconds(10);

  @Test
  void redisKilledAndRestartedEmptyUnderLoad() throws Exception {
    run("F3 Redis kill -9, back empty", 20, 100, 2, Duration.ofSeconds(2));
  }

  @Test
  @Tag("fault-long")
  void redisKilledAndRestartedEmptyUnderFullLoad() throws Exception {
    run("F3 Redis kill -9, back empty (full)", FaultResults.setting("conversations", 200),
        FaultResults.setting("rate", 500), FaultResults.setting("seconds", 10),
        Duration.ofSeconds(FaultResults.setting("redisDownSeconds", 5)));
  }

  private void run(String scenario, int conversations, int rate, int seconds, Duration down)
      throws Exception {
    try (RedisProcess redis = RedisProcess.start();
        Database database = Database.open(DatabaseSettings.defaults(TestServices.jdbcUrl()));
        TestNode nodeA = TestNode.start(Map.of("SWITCHBOARD_REDIS_URL", redis.url()));
        TestNode nodeB = TestNode.start(Map.of("SWITCHBOARD_REDIS_URL", redis.url()));
        LoopbackBalancer balancer =
            new LoopbackBalancer(List.of(nodeA.port(), nodeB.port())).start()) {
      Fixtures fixtures = Fixtures.create(database.jdbi());
      try (ChatLoad load = new ChatLoad(URI.create("http://127.0.0.1:" + balancer.port()),
          URI.create("ws://127.0.0.1:" + balancer.port() + "/v1/ws"), fixtures,
          TestServices.jdbcUrl())) {
        int agents = Math.max(2, conversations / 5);
        load.agents(agents, (conversations + agents - 1) / agents + 1);
        load.visitors(conversations);
        ChatTraffic traffic = ChatTraffic.start(load, rate);
        Thread.sleep(seconds * 1000L);
        redis.kill();
        Thread.sleep(down.toMillis());
        redis.startEmpty();
        long restartedAt = System.nanoTime();
        Duration resubscribed = load.awaitDeliveryEverywhere(restartedAt);
        Thread.sleep(seconds * 1000L);
        traffic.stop();
        load.awaitSettled(Duration.ofSeconds(90));
        List<String> late = load.visitors(1);
        assertThat(load.agentOf(late.get(0))).as("routing works on the rebuilt state").isNotNull();

        CheckReport report = load.check();
        boolean pass = report.clean() && traffic.failed() == 0
            && resubscribed.compareTo(RESUBSCRIBE_TARGET) <= 0;
        FaultResults.record(scenario, report, null, pass);
        System.out.printf("%s: delivery through pub/sub back %d ms after the restart, "
            + "%d retryable errors told to clients%n", scenario, resubscribed.toMillis(),
            load.temporaryErrors());
        assertThat(report.violations()).as(report.summary(20)).isEmpty();
        assertThat(traffic.failed()).as("sends failed for good").isZero();
        assertThat(report.acknowledged()).isEqualTo(report.sent());
        assertThat(resubscribed).isLessThanOrEqualTo(Duration.ofSeconds(20));
      }
    }
  }
}
