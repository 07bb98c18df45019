package io.switchboard.server.redis;

import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.RedisClient;
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
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.util.SwitchboardException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The node's connections to Redis: one {@link RedisClient}, one shared command connection that
 * every store multiplexes its commands over, and dedicated pub/sub connections on request.
 *
 * <p>Every setting is explicit here. The client reconnects by itself, keeps TCP keepalive on with
 * short probes, bounds its request queue, and rejects commands at once while
 * disconnected instead of buffering them, so callers on the hot paths see a failure rather than a
 * hang. Pub/sub runs on dedicated connections, never on the command connection. Every command
 * times out after the command timeout. Stores map those failures to {@link ErrorCode#UNAVAILABLE}
 * (see {@link RedisCalls}).
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

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> commands;
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
    this.client = resources == null ? RedisClient.create(uri) : RedisClient.create(resources, uri);
    client.setOptions(clientOptions(commandTimeout, trustedCertificates));
    try {
      this.commands = client.connect();
    } catch (RuntimeException e) {
      client.shutdown();
      shutdownResources();
      throw new SwitchboardException(ErrorCode.UNAVAILABLE, "Redis is unreachable", e);
    }
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
    return client.getOptions();
  }

  /** The shared command connection. Do not close it and do not use blocking transactions on it. */
  public StatefulRedisConnection<String, String> connection() {
    return commands;
  }

  /** The asynchronous API of the shared command connection. */
  public RedisAsyncCommands<String, String> async() {
    return commands.async();
  }

  /**
   * Opens a new pub/sub connection, which the caller owns and closes. Blocks while connecting, so
   * call it at start-up.
   *
   * @throws SwitchboardException with {@link ErrorCode#UNAVAILABLE} when Redis cannot be reached
   */
  public StatefulRedisPubSubConnection<String, String> connectPubSub() {
    try {
      return client.connectPubSub();
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
