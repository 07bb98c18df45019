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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * F4: Redis becomes unreachable without a reset: the nodes reach it through a relay that stops
 * moving bytes while keeping every TCP connection open, as when a firewall drops packets. (A
 * userspace relay stands in for a firewall rule, which this machine has no tool for; unlike
 * dropped packets it still acknowledges TCP segments, so only application-level timeouts can see
 * the dead link, never TCP keepalive.) Chats carry on through PostgreSQL, the event loops keep
 * answering, and once the relay moves bytes again delivery everywhere comes back and the checker
 * is clean. Full-length only (scripts/faults.sh).
 */
class RedisBlackholeFaultTest {
  @Test
  @Tag("fault-long")
  void redisUnreachableWithPacketsDropped() throws Exception {
    int conversations = FaultResults.setting("conversations", 40);
    int seconds = FaultResults.setting("seconds", 5);
    long blackholeMillis = TimeUnit.SECONDS.toMillis(FaultResults.setting("blackholeSeconds", 60));
    try (RedisProcess redis = RedisProcess.start();
        LoopbackBalancer relay = new LoopbackBalancer(List.of(redis.port())).start();
        Database database = Database.open(DatabaseSettings.defaults(TestServices.jdbcUrl()));
        TestNode nodeA = TestNode.start(Map.of("SWITCHBOARD_REDIS_URL", "redis://127.0.0.1:" + relay.port()));
        TestNode nodeB = TestNode.start(Map.of("SWITCHBOARD_REDIS_URL", "redis://127.0.0.1:" + relay.port()));
        LoopbackBalancer balancer = new LoopbackBalancer(List.of(nodeA.port(), nodeB.port())).start()) {
      Fixtures fixtures = Fixtures.create(database.jdbi());
      try (ChatLoad load = new ChatLoad(URI.create("http://127.0.0.1:" + balancer.port()),
          URI.create("ws://127.0.0.1:" + balancer.port() + "/v1/ws"), fixtures,
          TestServices.jdbcUrl())) {
        int agents = Math.max(2, conversations / 5);
        load.agents(agents, (conversations + agents - 1) / agents + 1);
        load.visitors(conversations);
        ChatTraffic traffic = ChatTraffic.start(load, FaultResults.setting("rate", 100));
        Thread.sleep(seconds * 1000L);
        relay.blackhole(true);
        long start = System.nanoTime();
        long maxPing = 0;
        while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(blackholeMillis)) {
          long sent = System.nanoTime();
          load.clients().get(0).ping().get(10, TimeUnit.SECONDS);
          maxPing = Math.max(maxPing, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
          Thread.sleep(500);
        }
        long ackedDuring = load.history().count(io.switchboard.checker.ClientEvent.Kind.ACKED);
        relay.blackhole(false);
        long healedAt = System.nanoTime();
        Duration recovered = load.awaitDeliveryEverywhere(healedAt);
        Thread.sleep(seconds * 1000L);
        traffic.stop();
        load.awaitSettled(Duration.ofSeconds(120));

        CheckReport report = load.check();
        System.out.printf("F4: pings at most %d ms during the blackhole; %d acks by its end; "
            + "delivery everywhere %d ms after it healed%n", maxPing, ackedDuring, recovered.toMillis());
        boolean pass = report.clean() && traffic.failed() == 0 && maxPing < 2_000;
        FaultResults.record("F4 Redis blackholed", report, null, pass);
        assertThat(report.violations()).as(report.summary(20)).isEmpty();
        assertThat(traffic.failed()).isZero();
        assertThat(maxPing).as("event loops answer while Redis hangs").isLessThan(2_000);
      }
    }
  }
}
