package io.switchboard.server.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * Connections for reads that may lag the primary by the replication delay (reports, search): from
 * the streaming replica's pool while it answers, and from the primary's for a while after it did
 * not, so an unreachable replica slows one read by the replica pool's connection wait and then
 * costs nothing until it is tried again.
 *
 * <p>Thread-safe.
 */
final class ReplicaReads implements DataSource {
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(ReplicaReads.class);

  /** How long reads go to the primary after the replica could not be reached. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(15);

  private final DataSource replica;
  private final DataSource primary;
  private final Clock clock;
  private volatile Instant downUntil = Instant.MIN;

  ReplicaReads(DataSource replica, DataSource primary, Clock clock) {
    this.replica = replica;
    this.primary = primary;
    this.clock = clock;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Instant now = clock.instant();
    if (now.isBefore(downUntil)) {
      return primary.getConnection();
    }
    try {
      return replica.getConnection();
    } catch (SQLException e) {
      if (!now.isBefore(downUntil.plus(RETRY_AFTER))) {
        LOG.warn("the database replica cannot be reached ({}); reports and search read from the"
            + " primary for {} s before the replica is tried again", e.getMessage(),
            RETRY_AFTER.toSeconds());
      }
      downUntil = now.plus(RETRY_AFTER);
      return primary.getConnection();
    }
  }

  /** Whether reads go to the replica now (false for a while after it could not be reached). */
  boolean replicaInUse() {
    return !clock.instant().isBefore(downUntil);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pools carry their own credentials");
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return replica.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    replica.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    replica.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return replica.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
