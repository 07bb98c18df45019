package io.switchboard.server.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.cluster.SlotHash;
import io.switchboard.checker.CheckReport;
import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.TestRedisCluster;
import io.switchboard.server.testing.TestServices;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Redis Cluster master fails under load: three masters with a replica each, two nodes, and the
 * master that holds the routing slot (and is one node's seed, so that node's pub/sub connection
 * goes with it) is killed with SIGKILL while messages flow. Its replica takes over; sends are
 * delayed or told to retry, never lost; delivery between the nodes comes back; a visitor who
 * arrives afterwards is assigned; and the history checker is clean.
 */
class RedisClusterFailoverFaultTest {
  @Test
  void theRoutingMasterDiesAndItsReplicaTakesOver() throws Exception {
    try (TestRedisCluster cluster = TestRedisCluster.start(true)) {
      int routingMaster = cluster.masterOf(SlotHash.getSlot(RedisKeys.EPOCH));
      int other = (routingMaster + 1) % 3;
      try (Database database = Database.open(DatabaseSettings.defaults(TestServices.jdbcUrl()));
          TestNode nodeA = TestNode.start(Map.of("SWITCHBOARD_REDIS_URL",
              cluster.url(routingMaster)));
          TestNode nodeB = TestNode.start(Map.of("SWITCHBOARD_REDIS_URL", cluster.url(other)));
          LoopbackBalancer balancer =
              new LoopbackBalancer(List.of(nodeA.port(), nodeB.port())).start();
          ChatLoad load = new ChatLoad(URI.create("http://127.0.0.1:" + balancer.port()),
              URI.create("ws://127.0.0.1:" + balancer.port() + "/v1/ws"),
              Fixtures.create(database.jdbi()), TestServices.jdbcUrl())) {
        load.agents(4, 7);
        load.visitors(20);
        ChatTraffic traffic = ChatTraffic.start(load, 100);
        await().atMost(Duration.ofSeconds(30)).until(() -> traffic.issued() >= 300);

        cluster.kill(routingMaster);
        long killedAt = System.nanoTime();
        cluster.awaitFailover(routingMaster, Duration.ofSeconds(30));
        Duration failedOver = Duration.ofNanos(System.nanoTime() - killedAt);
        Duration delivering = load.awaitDeliveryEverywhere(killedAt);
        System.out.printf("failover %d ms, delivery everywhere %d ms%n", failedOver.toMillis(),
            delivering.toMillis());
        long issuedBefore = traffic.issued();
        await().atMost(Duration.ofSeconds(60)).until(() -> traffic.issued() >= issuedBefore + 300);
        traffic.stop();
        load.awaitSettled(Duration.ofSeconds(90));
        List<String> late = load.visitors(1);
        assertThat(load.agentOf(late.get(0))).as("routing works on the new master").isNotNull();

        CheckReport report = load.check();
        System.out.printf("Redis Cluster failover: replica promoted %d ms after the kill, "
            + "delivery between the nodes back after %d ms, %d retryable errors told to "
            + "clients%n", failedOver.toMillis(), delivering.toMillis(), load.temporaryErrors());
        assertThat(report.violations()).as(report.summary(20)).isEmpty();
        assertThat(traffic.failed()).as("sends failed for good").isZero();
        assertThat(report.acknowledged()).isEqualTo(report.sent());
      }
    }
  }
}
