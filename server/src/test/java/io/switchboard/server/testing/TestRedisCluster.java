package io.switchboard.server.testing;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.switchboard.server.embedded.EmbeddedRedisService;
import io.switchboard.server.util.FileTrees;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * A real Redis Cluster of three masters and no replicas, each a process of the same Redis binary
 * the embedded server uses, on loopback. The cluster is formed the way an operator would without
 * {@code redis-cli --cluster}: the first master meets the other two ({@code CLUSTER MEET}), each
 * master takes a third of the 16,384 hash slots ({@code CLUSTER ADDSLOTS}), and the cluster is
 * ready once every master reports {@code cluster_state:ok} and knows all three.
 *
 * <p>Not thread-safe; start and close from the test thread.
 */
public final class TestRedisCluster implements AutoCloseable {
  /** The number of hash slots of every Redis Cluster. */
  public static final int SLOTS = 16_384;
  private static final int MASTERS = 3;
  /** A cluster node's bus listens on its port plus this, so both must be free. */
  private static final int BUS_OFFSET = 10_000;

  private final List<EmbeddedRedisService> masters = new ArrayList<>();
  private final Path dir;

  private TestRedisCluster(Path dir) {
    this.dir = dir;
  }

  /** Starts three masters and forms the cluster; fails when it is not ready in 30 s. */
  public static TestRedisCluster start() throws IOException {
    TestRedisCluster cluster =
        new TestRedisCluster(Files.createTempDirectory("switchboard-redis-cluster"));
    try {
      for (int i = 0; i < MASTERS; i++) {
        cluster.masters.add(EmbeddedRedisService.start(cluster.dir.resolve("m" + i), freePortPair(), true,
            List.of("cluster-enabled yes", "cluster-config-file nodes.conf",
                "cluster-node-timeout 5000")));
      }
      cluster.form();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void form() {
    RedisClient client = RedisClient.create();
    try {
      List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
      for (EmbeddedRedisService master : masters) {
        connections.add(client.connect(RedisURI.create(master.url())));
      }
      for (EmbeddedRedisService other : masters.subList(1, MASTERS)) {
        connections.get(0).sync().clusterMeet("127.0.0.1", other.port());
      }
      for (int i = 0; i < MASTERS; i++) {
        int from = SLOTS * i / MASTERS;
        int to = SLOTS * (i + 1) / MASTERS;
        connections.get(i).sync().clusterAddSlots(IntStream.range(from, to).toArray());
      }
      await("the Redis Cluster is formed").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> connections.stream().map(StatefulRedisConnection::sync)
              .allMatch(TestRedisCluster::ready));
      connections.forEach(StatefulRedisConnection::close);
    } finally {
      client.shutdown();
    }
  }

  private static boolean ready(RedisCommands<String, String> node) {
    String info = node.clusterInfo();
    return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + MASTERS)
        && info.contains("cluster_slots_ok:" + SLOTS);
  }

  /** The URL of one master, which a node takes as its seed. */
  public String url(int master) {
    return masters.get(master).url();
  }

  /** The URL of every master. */
  public List<String> urls() {
    return masters.stream().map(EmbeddedRedisService::url).toList();
  }

  /** Stops every master and deletes their folders. */
  @Override
  public void close() {
    masters.forEach(EmbeddedRedisService::closeAndDelete);
    FileTrees.delete(dir);
  }

  /** A free port whose cluster-bus port (10,000 above it) is free too. */
  private static int freePortPair() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
      if (free(port) && free(port + BUS_OFFSET)) {
        return port;
      }
    }
    throw new IllegalStateException("no free pair of ports for a Redis Cluster node");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort() == port;
    } catch (IOException e) {
      return false;
    }
  }
}
