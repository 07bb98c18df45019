package io.switchboard.bench.suite;

import io.switchboard.bench.driver.Http;
import io.switchboard.server.embedded.EmbeddedPostgresService;
import io.switchboard.server.embedded.EmbeddedRedisService;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the suite runs besides the drivers: one PostgreSQL and one Redis shared by every
 * Switchboard node and the peer (embedded ones started here, unless
 * {@code SWITCHBOARD_BENCH_DATABASE_URL} / {@code SWITCHBOARD_BENCH_REDIS_URL} name running ones),
 * the Switchboard node processes, and the peer. Each node records a JFR profile, summarised into
 * the report. Everything is stopped by PID in {@link #close}.
 *
 * <p>Not thread-safe.
 */
public final class Stack implements AutoCloseable {
  private final BenchOptions options;
  private final Path work;
  private EmbeddedPostgresService postgres;
  private EmbeddedRedisService redis;
  private String jdbcUrl;
  private String redisUrl;
  private Map<String, List<Long>> storePids;
  private final List<ChildProcess> nodes = new ArrayList<>();
  private final List<URI> nodeUris = new ArrayList<>();
  private ChildProcess peer;
  private URI peerUri;

  public Stack(BenchOptions options, Path work) {
    this.options = options;
    this.work = work;
  }

  public void startStores() {
    jdbcUrl = System.getenv("SWITCHBOARD_BENCH_DATABASE_URL");
    redisUrl = System.getenv("SWITCHBOARD_BENCH_REDIS_URL");
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      postgres = EmbeddedPostgresService.start(work.resolve("postgres"), 0);
      jdbcUrl = postgres.jdbcUrl();
    }
    if (redisUrl == null || redisUrl.isBlank()) {
      redis = EmbeddedRedisService.start(work.resolve("redis"), 0);
      redisUrl = redis.url();
    }
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  /**
   * The PostgreSQL postmaster and the Redis server, by the process listening on their ports
   * (-1 when not found, e.g. stores on another machine), for the CPU figures of each step.
   */
  public Map<String, List<Long>> storePids() {
    if (storePids == null) {
      URI pg = URI.create(jdbcUrl.substring("jdbc:".length()));
      URI rd = URI.create(redisUrl);
      storePids = Map.of("postgres", List.of(localListener(pg)),
          "redis", List.of(localListener(rd)));
    }
    return storePids;
  }

  /** The options of scripts/jvm.options (run from the repository's root), or G1 alone. */
  static List<String> nodeJavaOptions() throws java.io.IOException {
    java.nio.file.Path file = java.nio.file.Path.of("scripts", "jvm.options");
    if (!java.nio.file.Files.exists(file)) {
      return List.of("-XX:+UseG1GC");
    }
    return java.nio.file.Files.readAllLines(file).stream().map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
  }

  /** Starts node number {@code nodes().size() + 1} and waits until it is healthy. */
  public URI startNode() throws Exception {
    int index = nodes.size() + 1;
    int port = freePort();
    // The JVM options a user's node gets from scripts/run.sh, then the profile.
    List<String> command = new ArrayList<>(List.of(options.java()));
    command.addAll(nodeJavaOptions());
    command.add("-XX:StartFlightRecording=filename=" + work.resolve("node-" + index + ".jfr")
        + ",settings=profile,dumponexit=true");
    command.addAll(options.serverCommand());
    Map<String, String> env = new HashMap<>();
    env.put("SWITCHBOARD_PORT", Integer.toString(port));
    env.put("SWITCHBOARD_BIND", "127.0.0.1");
    env.put("SWITCHBOARD_NODE_ID", "bench-" + index);
    env.put("SWITCHBOARD_DATA_DIR", work.resolve("node-" + index).toString());
    env.put("SWITCHBOARD_DATABASE_URL", jdbcUrl);
    env.put("SWITCHBOARD_REDIS_URL", redisUrl);
    env.put("SWITCHBOARD_SEED", "true");
    // The driver logs hundreds of agents in at once from one address.
    env.put("SWITCHBOARD_HASHING_QUEUE", "10000");
    env.put("SWITCHBOARD_LOGIN_ADDRESS_ATTEMPTS", "100000");
    // Thousands of visitors come from the driver's one address, at the rates the workload sets.
    for (String limit : new String[] {"VISITOR_TOKENS", "HANDSHAKES", "ADDRESS_STARTS",
        "VISITOR_STARTS", "VISITOR_MESSAGES", "VISITOR_COMMANDS", "STAFF_COMMANDS"}) {
      env.put("SWITCHBOARD_RATE_" + limit, "1000000/1");
    }
    ChildProcess node = ChildProcess.start("node-" + index, command, work, env,
        work.resolve("node-" + index + ".log"));
    nodes.add(node);
    URI uri = URI.create("http://127.0.0.1:" + port);
    awaitHealthy(node, uri);
    nodeUris.add(uri);
    return uri;
  }

  private static long localListener(URI uri) {
    String host = uri.getHost();
    boolean local = host != null && (host.startsWith("127.") || host.equals("localhost"));
    return local ? ListeningProcess.of(uri.getPort()) : -1;
  }

  /**
   * The groups of processes whose CPU a step reports: the system under test ({@code server}),
   * PostgreSQL, Redis and the driver processes, in that order.
   */
  public Map<String, List<Long>> cpuGroups(List<Long> serverPids, long... driverPids) {
    Map<String, List<Long>> groups = new java.util.LinkedHashMap<>();
    groups.put("server", serverPids);
    groups.putAll(new java.util.TreeMap<>(storePids()));
    groups.put("driver", java.util.Arrays.stream(driverPids).boxed().toList());
    return groups;
  }

  public List<ChildProcess> nodes() {
    return nodes;
  }

  public List<URI> nodeUris() {
    return nodeUris;
  }

  public List<Long> nodePids() {
    return nodes.stream().map(ChildProcess::pid).toList();
  }

  public Path jfr(int index) {
    return work.resolve("node-" + index + ".jfr");
  }

  /**
   * Starts the peer from its folder ({@code npm ci} when its node_modules are missing and
   * downloads are allowed), on the shared stores. Returns false when the peer is not available.
   */
  public boolean startPeer(int workers) throws Exception {
    Path dir = options.peerDir();
    if (dir == null || !Files.exists(dir.resolve("relay.js"))) {
      return false;
    }
    if (!Files.isDirectory(dir.resolve("node_modules"))) {
      if (!options.peerInstall()) {
        return false;
      }
      ChildProcess npm = ChildProcess.start("npm", List.of("npm", "ci", "--no-audit", "--no-fund"),
          dir, Map.of(), work.resolve("peer-npm.log"));
      if (npm.process().waitFor() != 0) {
        throw new IllegalStateException("npm ci failed in " + dir + ":\n" + npm.logTail(20));
      }
    }
    int port = freePort();
    URI pg = URI.create(jdbcUrl.substring("jdbc:".length()));
    String databaseUrl = "postgres://postgres@" + pg.getHost() + ":" + pg.getPort() + pg.getPath();
    peer = ChildProcess.start("peer", List.of("node", "relay.js"), dir, Map.of(
        "PORT", Integer.toString(port), "WORKERS", Integer.toString(workers),
        "DATABASE_URL", databaseUrl, "REDIS_URL", redisUrl), work.resolve("peer.log"));
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!peer.logText().contains("ws-relay peer:")) {
      if (!peer.alive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the peer did not start:\n" + peer.logTail(20));
      }
      Thread.sleep(100);
    }
    Thread.sleep(1000); // the workers of a multi-process peer listen a moment after the primary
    peerUri = URI.create("ws://127.0.0.1:" + port + "/");
    return true;
  }

  public URI peerUri() {
    return peerUri;
  }

  public long peerPid() {
    return peer == null ? -1 : peer.pid();
  }

  private static void awaitHealthy(ChildProcess node, URI uri) throws Exception {
    Http http = new Http(1);
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (!http.healthy(uri)) {
      if (!node.alive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(node.name() + " did not start:\n" + node.logTail(30));
      }
      Thread.sleep(200);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    if (peer != null) {
      peer.close();
    }
    for (ChildProcess node : nodes.reversed()) {
      node.close();
    }
    // The stores' data is thrown away (a workload's PostgreSQL is gigabytes); logs and JFR stay.
    if (redis != null) {
      redis.closeAndDelete();
    }
    if (postgres != null) {
      postgres.closeAndDelete();
    }
  }
}
