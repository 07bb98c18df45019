package io.switchboard.server.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions.KeepAliveOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.util.SwitchboardException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The node's connections to Redis: one client, one shared command connection that every store
 * multiplexes its commands over, and dedicated pub/sub connections on request.
 *
 * <p>The URL names a single Redis or any node of a Redis Cluster: the constructor asks the server
 * ({@code INFO cluster}) and, when cluster mode is on, connects with a {@link RedisClusterClient}
 * instead, which learns the other masters from that seed, sends each command to the master that
 * holds its key's slot, follows {@code MOVED} and {@code ASK} redirections and refreshes its view
 * of the cluster every {@link #TOPOLOGY_REFRESH} and whenever a redirection or a lost connection
 * says it changed. The stores see the same command interface either way. Which keys share a slot
 * is laid out in {@link io.switchboard.server.redis}.
 *
 * <p>Every setting is explicit here. The client reconnects by itself, keeps TCP keepalive on with
 * short probes, bounds its request queue, and (on a single Redis) rejects commands at once while
 * disconnected instead of buffering them, so callers on the hot paths see a failure rather than a
 * hang. A cluster client opens a master's connection on its first command (and after a
 * failover), and rejecting would refuse every command to a master whose connection is still
 * opening, so it queues them while disconnected. Pub/sub runs on dedicated connections, never on
 * the command connection. Every command times out after the command timeout. Stores map those
 * failures to {@link ErrorCode#UNAVAILABLE} (see {@link RedisCalls}).
 *
 * <p>The constructor connects and therefore blocks; create this at start-up, never on an event
 * loop. Everything else is non-blocking.
 *
 * <p>Thread-safe: Lettuce connections are thread-safe and are shared by all callers.
 */
public final class RedisConnections implements AutoCloseable {
  /** How long a command may take before it fails. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
  /** How long establishing a TCP connection may take. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** How many commands may wait for a connection before further ones are rejected. */
  public static final int REQUEST_QUEUE_SIZE = 10_000;
  /**
   * TCP keepalive: the first probe after this much silence, then one every
   * {@link #KEEPALIVE_INTERVAL}, and the connection is dead after {@link #KEEPALIVE_COUNT}
   * unanswered ones. A Redis that vanished without a reset is found within about 25 s, not the
   * operating system's two hours.
   */
  public static final Duration KEEPALIVE_IDLE = Duration.ofSeconds(10);
  /** Time between unanswered keepalive probes. */
  public static final Duration KEEPALIVE_INTERVAL = Duration.ofSeconds(5);
  /** Unanswered keepalive probes after which the connection is dead. */
  public static final int KEEPALIVE_COUNT = 3;

  /** How often a cluster client reloads the cluster's topology without being told to. */
  public static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(30);

  private final AbstractRedisClient client;
  private final StatefulConnection<String, String> commands;
  private final RedisClusterAsyncCommands<String, String> async;
  private final RedisClusterCommands<String, String> sync;
  private final boolean clustered;
  private final Duration commandTimeout;
  /** The client's own resources when it records latencies; null for Lettuce's defaults. */
  private final ClientResources resources;

  /** Connects to {@code redisUrl} with the default command timeout and no client name. */
  public RedisConnections(String redisUrl) {
    this(redisUrl, DEFAULT_COMMAND_TIMEOUT, null);
  }

  /**
   * Connects to {@code redisUrl}.
   *
   * @param redisUrl a {@code redis://} or {@code rediss://} URL
   * @param commandTimeout how long a command may take before it fails
   * @param clientName the name shown by {@code CLIENT LIST} for every connection, or null
   * @throws SwitchboardException with {@link ErrorCode#UNAVAILABLE} when Redis cannot be reached
   */
  public RedisConnections(String redisUrl, Duration commandTimeout, String clientName) {
    this(redisUrl, commandTimeout, clientName, null, null);
  }

  /**
   * Connects to {@code redisUrl}, trusting the certificates in {@code trustedCertificates} (a PEM
   * file) for a {@code rediss://} URL instead of the JVM's default trust store when it is not
   * null, and recording every command's latency in {@code metrics} ({@code lettuce_command_*}, by
   * command type) when that is not null.
   */
  public RedisConnections(String redisUrl, Duration commandTimeout, String clientName,
      Path trustedCertificates, MeterRegistry metrics) {
    Objects.requireNonNull(redisUrl, "redisUrl");
    this.commandTimeout = Objects.requireNonNull(commandTimeout, "commandTimeout");
    RedisURI uri = RedisURI.create(redisUrl);
    uri.setTimeout(commandTimeout);
    if (clientName != null) {
      uri.setClientName(clientName);
    }
    this.resources = metrics == null ? null : ClientResources.builder()
        .commandLatencyRecorder(new MicrometerCommandLatencyRecorder(metrics,
            MicrometerOptions.builder().enable().localDistinction(false).build()))
        .build();
    ClientOptions options = clientOptions(commandTimeout, trustedCertificates);
    RedisClient single =
        resources == null ? RedisClient.create(uri) : RedisClient.create(resources, uri);
    single.setOptions(options);
    try {
      StatefulRedisConnection<String, String> connection = single.connect();
      if (!clusterEnabled(connection.sync().info("cluster"))) {
        this.client = single;
        this.commands = connection;
        this.async = connection.async();
        this.sync = connection.sync();
        this.clustered = false;
        return;
      }
      connection.close();
      single.shutdown();
    } catch (RuntimeException e) {
      single.shutdown();
      shutdownResources();
      throw new SwitchboardException(ErrorCode.UNAVAILABLE, "Redis is unreachable", e);
    }
    RedisClusterClient cluster = resources == null
        ? RedisClusterClient.create(uri) : RedisClusterClient.create(resources, uri);
    // A master's connection opens on its first command, and one still opening would refuse
    // every command sent to it while commands are rejected when disconnected: a cluster client
    // queues them instead, each still bounded by the command timeout.
    cluster.setOptions(ClusterClientOptions.builder(options)
        .disconnectedBehavior(DisconnectedBehavior.ACCEPT_COMMANDS)
        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
            .enablePeriodicRefresh(TOPOLOGY_REFRESH)
            .enableAllAdaptiveRefreshTriggers()
            .build())
        .build());
    try {
      StatefulRedisClusterConnection<String, String> connection = cluster.connect();
      this.client = cluster;
      this.commands = connection;
      this.async = connection.async();
      this.sync = connection.sync();
      this.clustered = true;
    } catch (RuntimeException e) {
      cluster.shutdown();
      shutdownResources();
      throw new SwitchboardException(ErrorCode.UNAVAILABLE, "Redis Cluster is unreachable", e);
    }
  }

  /** True when an {@code INFO cluster} answer says the server runs in cluster mode. */
  static boolean clusterEnabled(String info) {
    return info != null && info.lines().anyMatch(line -> line.strip().equals("cluster_enabled:1"));
  }

  private static ClientOptions clientOptions(Duration commandTimeout, Path trustedCertificates) {
    SocketOptions socket = SocketOptions.builder()
        .connectTimeout(CONNECT_TIMEOUT)
        .keepAlive(KeepAliveOptions.builder().enable()
            .idle(KEEPALIVE_IDLE).interval(KEEPALIVE_INTERVAL).count(KEEPALIVE_COUNT).build())
        .tcpNoDelay(true)
        .build();
    ClientOptions.Builder options = ClientOptions.builder();
    if (trustedCertificates != null) {
      options.sslOptions(SslOptions.builder().jdkSslProvider()
          .trustManager(trustedCertificates.toFile()).build());
    }
    return options
        .autoReconnect(true)
        .socketOptions(socket)
        .disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS)
        .requestQueueSize(REQUEST_QUEUE_SIZE)
        .timeoutOptions(TimeoutOptions.builder().fixedTimeout(commandTimeout).build())
        .maintNotificationsConfig(MaintNotificationsConfig.disabled())
        .build();
  }

  /** The options every connection of this client uses (the command and the pub/sub ones). */
  public ClientOptions options() {
    return commands.getOptions();
  }

  /** True when the URL named a node of a Redis Cluster, and commands go to the whole cluster. */
  public boolean clustered() {
    return clustered;
  }

  /** The shared command connection. Do not close it. */
  public StatefulConnection<String, String> connection() {
    return commands;
  }

  /**
   * The asynchronous API of the shared command connection: the commands a single Redis and a
   * cluster have in common (no {@code MULTI}; every multi-key update is a script).
   */
  public RedisClusterAsyncCommands<String, String> async() {
    return async;
  }

  /** The blocking API of the shared command connection; never call it on an event loop. */
  public RedisClusterCommands<String, String> sync() {
    return sync;
  }

  /**
   * Opens a new pub/sub connection, which the caller owns and closes. Blocks while connecting, so
   * call it at start-up.
   *
   * @throws SwitchboardException with {@link ErrorCode#UNAVAILABLE} when Redis cannot be reached
   */
  public StatefulRedisPubSubConnection<String, String> connectPubSub() {
    try {
      return client instanceof RedisClusterClient cluster
          ? cluster.connectPubSub() : ((RedisClient) client).connectPubSub();
    } catch (RuntimeException e) {
      throw new SwitchboardException(ErrorCode.UNAVAILABLE, "Redis is unreachable", e);
    }
  }

  /** How long a command may take before it fails. */
  public Duration commandTimeout() {
    return commandTimeout;
  }

  /** Closes every connection this client opened, including pub/sub ones, and its threads. */
  @Override
  public void close() {
    try {
      commands.close();
    } finally {
      client.shutdown();
      shutdownResources();
    }
  }

  private void shutdownResources() {
    if (resources != null) {
      resources.shutdown();
    }
  }
}
