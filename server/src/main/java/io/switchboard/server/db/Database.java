package io.switchboard.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL connection pool, migrated to the current schema, and the {@link Jdbi} on top of
 * it. Every server process opens one at start-up; several processes may start against one database
 * at once, because Flyway serializes the migrations with a database lock.
 *
 * <p>Thread-safe: the pool and Jdbi may be shared by every thread. {@link #close()} is called once.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final HikariDataSource replica;
  private final Jdbi readJdbi;

  private Database(HikariDataSource dataSource, HikariDataSource replica) {
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
    this.replica = replica;
    this.readJdbi = replica == null ? jdbi : Jdbi.create(
        new ReplicaReads(replica, dataSource, Clock.systemUTC())).installPlugin(new PostgresPlugin());
  }

  /**
   * Opens the pool and applies the pending migrations from {@code classpath:db/migration}.
   *
   * @throws SwitchboardException {@link ErrorCode#UNAVAILABLE} when PostgreSQL cannot be reached
   *     or the migration fails; the pool is closed again in that case
   */
  public static Database open(DatabaseSettings settings) {
    return open(settings, null);
  }

  /**
   * Like {@link #open(DatabaseSettings)}, and the pool reports its connections and its waits
   * for one ({@code hikaricp_*}) to {@code metrics} when that is not null.
   */
  public static Database open(DatabaseSettings settings, MeterRegistry metrics) {
    return open(settings, null, metrics);
  }

  /**
   * Like {@link #open(DatabaseSettings, MeterRegistry)}, with a second pool of read-only
   * connections to the streaming replica at {@code replicaUrl} (none when null), from which
   * {@link #readJdbi()} reads.
   */
  public static Database open(DatabaseSettings settings, String replicaUrl,
      MeterRegistry metrics) {
    // A migration may build an index over millions of rows, so its connections wait for
    // PostgreSQL as long as it takes; the pool for the node's work keeps its socket timeout.
    try (HikariDataSource migrating = createPool(settings, "switchboard-migrate", 2, 0, null)) {
      Flyway.configure()
          .dataSource(migrating)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new SwitchboardException(
          ErrorCode.UNAVAILABLE, "database not reachable or not migrated", e);
    }
    HikariDataSource primary = createPool(settings, "switchboard-db", settings.poolSize(),
        settings.socketTimeout().toSeconds(), metrics);
    HikariDataSource replica = null;
    if (replicaUrl != null) {
      // A short wait for a replica connection: when it is down, reads go to the primary.
      DatabaseSettings replicaSettings = new DatabaseSettings(replicaUrl,
          Math.max(2, settings.poolSize() / 2), REPLICA_CONNECTION_TIMEOUT,
          settings.socketTimeout());
      replica = createPool(replicaSettings, "switchboard-replica", replicaSettings.poolSize(),
          settings.socketTimeout().toSeconds(), metrics);
    }
    return new Database(primary, replica);
  }

  /** How long a read waits for a replica connection before it goes to the primary. */
  static final Duration REPLICA_CONNECTION_TIMEOUT = Duration.ofSeconds(1);

  /**
   * A pool of {@code size} connections; {@code socketTimeoutSeconds} 0 waits without limit;
   * {@code metrics} null records nothing.
   */
  private static HikariDataSource createPool(DatabaseSettings settings, String name, int size,
      long socketTimeoutSeconds, MeterRegistry metrics) {
    HikariConfig config = new HikariConfig();
    if (metrics != null) {
      config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
    }
    config.setPoolName(name);
    config.setReadOnly(name.equals("switchboard-replica"));
    config.setJdbcUrl(settings.jdbcUrl());
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(Math.min(2, size));
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    config.setValidationTimeout(Math.min(settings.connectionTimeout().toMillis(),
        DatabaseSettings.VALIDATION_TIMEOUT.toMillis()));
    config.setKeepaliveTime(DatabaseSettings.KEEPALIVE_TIME.toMillis());
    config.setMaxLifetime(DatabaseSettings.MAX_LIFETIME.toMillis());
    // Start even when PostgreSQL is down; the migration below then reports it.
    config.setInitializationFailTimeout(-1);
    // pgjdbc reads its properties with Properties.getProperty, which returns null for a value
    // that is not a String: a Long or Boolean here would be silently ignored (it was, once).
    config.addDataSourceProperty("socketTimeout", Long.toString(socketTimeoutSeconds));
    config.addDataSourceProperty("connectTimeout",
        Long.toString(DatabaseSettings.CONNECT_TIMEOUT.toSeconds()));
    config.addDataSourceProperty("tcpKeepAlive", "true");
    config.addDataSourceProperty("ApplicationName", "switchboard");
    return new HikariDataSource(config);
  }

  /** The Jdbi over the pool, with the PostgreSQL and SQL object plugins installed. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /**
   * The Jdbi for reads that may lag the primary by the replication delay (reports, search): the
   * replica's when one is configured and answers, else {@link #jdbi()}.
   */
  public Jdbi readJdbi() {
    return readJdbi;
  }

  /** The pool itself, for code that needs plain JDBC (and for checks of its settings). */
  public HikariDataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    LOG.debug("closing database pool");
    if (replica != null) {
      replica.close();
    }
    dataSource.close();
  }
}
