package io.switchboard.server.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import io.switchboard.checker.CheckReport;
import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.presence.RedisNodeRegistry;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.TestRedisCluster;
import io.switchboard.server.testing.TestServices;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Two nodes chat through a real three-master Redis Cluster, each node given a different master as
 * its seed: agents go online (presence), every visitor is assigned (the routing scripts on the
 * routing slot's master), messages cross between the nodes (pub/sub through the cluster bus),
 * every send passes the rate limiter, and the history checker finds every message delivered once,
 * in order, with no gap. Afterwards the keys are where the hash-tag layout puts them: every
 * routing key on the one master that owns {@code {routing}}; and the node list, a {@code SCAN}
 * over every master, finds node keys whichever master holds them.
 */
class RedisClusterChatTest {
  @Test
  void twoNodesChatThroughARedisCluster() throws Exception {
    try (TestRedisCluster cluster = TestRedisCluster.start();
        Database database = Database.open(DatabaseSettings.defaults(TestServices.jdbcUrl()));
        TestNode nodeA = TestNode.start(Map.of("SWITCHBOARD_REDIS_URL", cluster.url(0)));
        TestNode nodeB = TestNode.start(Map.of("SWITCHBOARD_REDIS_URL", cluster.url(2)));
        LoopbackBalancer balancer =
            new LoopbackBalancer(List.of(nodeA.port(), nodeB.port())).start()) {
      assertThat(nodeA.node().redis().clustered()).isTrue();
      assertThat(nodeB.node().redis().clustered()).isTrue();
      Fixtures fixtures = Fixtures.create(database.jdbi());
      try (ChatLoad load = new ChatLoad(URI.create("http://127.0.0.1:" + balancer.port()),
          URI.create("ws://127.0.0.1:" + balancer.port() + "/v1/ws"), fixtures,
          TestServices.jdbcUrl())) {
        load.agents(4, 6);
        List<String> conversations = load.visitors(20);
        for (String conversation : conversations) {
          assertThat(load.agentOf(conversation)).as("assigned: " + conversation).isNotNull();
        }
        ChatTraffic traffic = ChatTraffic.start(load, 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> traffic.issued() >= 600);
        traffic.stop();
        load.awaitSettled(Duration.ofSeconds(60));

        CheckReport report = load.check();
        assertThat(report.violations()).as(report.summary(20)).isEmpty();
        assertThat(traffic.failed()).as("sends failed for good").isZero();
        assertThat(report.acknowledged()).isEqualTo(report.sent()).isGreaterThanOrEqualTo(600);
      }
      assertKeysFollowTheHashTags(cluster);
      assertNodesAreListedFromEveryMaster(cluster);
    }
  }

  /** Node ids whose keys fall on each of the three masters, and both real nodes, are listed. */
  private static void assertNodesAreListedFromEveryMaster(TestRedisCluster cluster) {
    Set<String> ids = new TreeSet<>();
    Set<Integer> masters = new HashSet<>();
    for (int i = 0; masters.size() < 3; i++) {
      String id = "cluster-test-node-" + i;
      if (masters.add(SlotHash.getSlot(RedisKeys.node(id)) * 3 / TestRedisCluster.SLOTS)) {
        ids.add(id);
      }
    }
    try (RedisConnections connections = new RedisConnections(cluster.url(1))) {
      RedisNodeRegistry registry = new RedisNodeRegistry(connections);
      for (String id : ids) {
        registry.register(id, Duration.ofMinutes(1)).toCompletableFuture().join();
      }
      Set<String> live = registry.liveNodes().toCompletableFuture().join();
      assertThat(live).containsAll(ids).hasSize(ids.size() + 2);
    }
  }

  /** Every routing key is on the one master that holds {@code {routing}}'s slot. */
  private static void assertKeysFollowTheHashTags(TestRedisCluster cluster) {
    int routingSlot = SlotHash.getSlot(RedisKeys.EPOCH);
    RedisClient client = RedisClient.create();
    try {
      int routingOwners = 0;
      for (String url : cluster.urls()) {
        try (StatefulRedisConnection<String, String> master = client.connect(RedisURI.create(url))) {
          assertThat(master.sync().keys(RedisKeys.ROUTING + "*"))
              .allSatisfy(key -> assertThat(SlotHash.getSlot(key)).isEqualTo(routingSlot));
          if (master.sync().clusterCountKeysInSlot(routingSlot) > 0) {
            routingOwners++;
          }
        }
      }
      assertThat(routingOwners).as("masters holding the routing slot's keys").isEqualTo(1);
    } finally {
      client.shutdown();
    }
  }
}
