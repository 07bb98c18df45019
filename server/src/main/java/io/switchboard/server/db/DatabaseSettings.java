package io.switchboard.server.db;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach PostgreSQL and how large the connection pool is. The pool's and the driver's
 * timeouts are all here: the two that operators tune are record components, the rest constants
 * (see {@link Database} for how they are applied).
 *
 * @param jdbcUrl a {@code jdbc:postgresql:} URL, credentials included as URL parameters
 * @param poolSize the most connections the pool opens
 * @param connectionTimeout how long a caller waits for a pooled connection before the store
 *     reports itself unavailable (at least 250 ms, a HikariCP minimum)
 * @param socketTimeout how long one network read from PostgreSQL may take before the connection is
 *     considered dead; whole seconds, at least one
 *
 * <p>Immutable and thread-safe.
 */
public record DatabaseSettings(
    String jdbcUrl, int poolSize, Duration connectionTimeout, Duration socketTimeout) {

  /** The pool size when none is configured. */
  public static final int DEFAULT_POOL_SIZE = 16;
  /** The connection wait when none is configured. */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
  /** The read timeout when none is configured. */
  public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);
  /** How long opening a TCP connection to PostgreSQL may take (pgjdbc {@code connectTimeout}). */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /**
   * How often the pool pings an idle connection (HikariCP {@code keepaliveTime}), so a connection
   * that a firewall or a failover silently dropped is found before a caller borrows it.
   */
  public static final Duration KEEPALIVE_TIME = Duration.ofSeconds(60);
  /**
   * The age at which the pool retires a connection (HikariCP {@code maxLifetime}); shorter than
   * any idle cut-off a proxy or PostgreSQL itself is likely to apply.
   */
  public static final Duration MAX_LIFETIME = Duration.ofMinutes(30);
  /** How long the pool's liveness check of a connection may take (HikariCP). */
  public static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(2);

  public DatabaseSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    Objects.requireNonNull(socketTimeout, "socketTimeout");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
    }
    if (connectionTimeout.toMillis() < 250) {
      throw new IllegalArgumentException("connectionTimeout must be at least 250 ms");
    }
    if (socketTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException("socketTimeout must be at least one second");
    }
  }

  /** Settings for {@code jdbcUrl} with the default pool size and timeouts. */
  public static DatabaseSettings defaults(String jdbcUrl) {
    return new DatabaseSettings(
        jdbcUrl, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT, DEFAULT_SOCKET_TIMEOUT);
  }

  /** A copy with another pool size. */
  public DatabaseSettings withPoolSize(int size) {
    return new DatabaseSettings(jdbcUrl, size, connectionTimeout, socketTimeout);
  }

  /** A copy with another connection wait. */
  public DatabaseSettings withConnectionTimeout(Duration timeout) {
    return new DatabaseSettings(jdbcUrl, poolSize, timeout, socketTimeout);
  }
}
