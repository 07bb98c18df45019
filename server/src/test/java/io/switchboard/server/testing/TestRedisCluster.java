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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * A real Redis Cluster of three masters, with or without a replica each, every node a process of
 * the same Redis binary the embedded server uses, on loopback. The cluster is formed the way an
 * operator would without {@code redis-cli --cluster}: the first master meets the others ({@code
 * CLUSTER MEET}), each master takes a third of the 16,384 hash slots ({@code CLUSTER ADDSLOTS}),
 * each replica follows its master ({@code CLUSTER REPLICATE}), and the cluster is ready once every
 * node reports {@code cluster_state:ok}, knows all the others and every replica is in sync.
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
  private final List<EmbeddedRedisService> replicas = new ArrayList<>();
  private final Path dir;

  private TestRedisCluster(Path dir) {
    this.dir = dir;
  }

  /** Starts three masters and forms the cluster; fails when it is not ready in 30 s. */
  public static TestRedisCluster start() throws IOException {
    return start(false);
  }

  /**
   * Starts three masters, each with a replica when {@code withReplicas}, and forms the cluster;
   * fails when it is not ready in 30 s. A master that stops answering for two seconds is failed
   * over to its replica.
   */
  public static TestRedisCluster start(boolean withReplicas) throws IOException {
    TestRedisCluster cluster =
        new TestRedisCluster(Files.createTempDirectory("switchboard-redis-cluster"));
    try {
      for (int i = 0; i < MASTERS; i++) {
        cluster.masters.add(cluster.startNode("m" + i));
        if (withReplicas) {
          cluster.replicas.add(cluster.startNode("r" + i));
        }
      }
      cluster.form();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private EmbeddedRedisService startNode(String name) {
    return EmbeddedRedisService.start(dir.resolve(name), freePortPair(), true,
        List.of("cluster-enabled yes", "cluster-config-file nodes.conf",
            "cluster-node-timeout 2000"));
  }

  private void form() {
    RedisClient client = RedisClient.create();
    try {
      List<RedisCommands<String, String>> nodes = new ArrayList<>();
      List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
      for (EmbeddedRedisService node : all()) {
        StatefulRedisConnection<String, String> connection =
            client.connect(RedisURI.create(node.url()));
        connections.add(connection);
        nodes.add(connection.sync());
      }
      for (EmbeddedRedisService other : all().subList(1, all().size())) {
        nodes.get(0).clusterMeet("127.0.0.1", other.port());
      }
      for (int i = 0; i < MASTERS; i++) {
        int from = SLOTS * i / MASTERS;
        int to = SLOTS * (i + 1) / MASTERS;
        nodes.get(i).clusterAddSlots(IntStream.range(from, to).toArray());
      }
      for (int i = 0; i < replicas.size(); i++) {
        String masterId = nodes.get(i).clusterMyId();
        RedisCommands<String, String> replica = nodes.get(MASTERS + i);
        await("replica " + i + " knows its master").atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> replica.clusterNodes().contains(masterId));
        replica.clusterReplicate(masterId);
      }
      await("the Redis Cluster is formed").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> nodes.stream().allMatch(this::ready));
      connections.forEach(StatefulRedisConnection::close);
    } finally {
      client.shutdown();
    }
  }

  private boolean ready(RedisCommands<String, String> node) {
    String info = node.clusterInfo();
    boolean replicating = !node.info("replication").contains("role:slave")
        || node.info("replication").contains("master_link_status:up");
    return info.contains("cluster_state:ok")
        && info.contains("cluster_known_nodes:" + all().size())
        && info.contains("cluster_slots_ok:" + SLOTS) && replicating;
  }

  private List<EmbeddedRedisService> all() {
    List<EmbeddedRedisService> all = new ArrayList<>(masters);
    all.addAll(replicas);
    return all;
  }

  /** The URL of one master, which a node takes as its seed. */
  public String url(int master) {
    return masters.get(master).url();
  }

  /** The URL of every master. */
  public List<String> urls() {
    return masters.stream().map(EmbeddedRedisService::url).toList();
  }

  /** The master that holds {@code slot} when the cluster was formed. */
  public int masterOf(int slot) {
    return slot * MASTERS / SLOTS;
  }

  /** Kills a master with SIGKILL; its replica takes its slots over once the others notice. */
  public void kill(int master) throws Exception {
    ProcessHandle process = ProcessHandle.of(masters.get(master).pid()).orElseThrow();
    process.destroyForcibly();
    process.onExit().get(10, TimeUnit.SECONDS);
  }

  /** Waits until the replica of {@code master} answers as a master with every slot served. */
  public void awaitFailover(int master, Duration timeout) {
    RedisClient client = RedisClient.create();
    try (StatefulRedisConnection<String, String> replica =
        client.connect(RedisURI.create(replicas.get(master).url()))) {
      await("the replica of master " + master + " took over").atMost(timeout)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> replica.sync().info("replication").contains("role:master")
              && replica.sync().clusterInfo().contains("cluster_state:ok"));
    } finally {
      client.shutdown();
    }
  }

  /** Stops every node and deletes their folders. */
  @Override
  public void close() {
    all().forEach(EmbeddedRedisService::closeAndDelete);
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
