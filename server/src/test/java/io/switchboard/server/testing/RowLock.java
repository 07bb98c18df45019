package io.switchboard.server.testing;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/**
 * Holds a row lock on one conversation from a separate connection, so that a writer shard that
 * touches it waits inside its transaction while later requests pile up into the next batch.
 *
 * <p>Not thread-safe: opened and closed by one test thread.
 */
public final class RowLock implements AutoCloseable {
  private final Connection connection;
  private final int backendPid;

  public RowLock(UUID conversationId) throws SQLException {
    connection = DriverManager.getConnection(TestServices.jdbcUrl());
    connection.setAutoCommit(false);
    try (PreparedStatement lock = connection.prepareStatement(
        "SELECT id FROM conversations WHERE id = ? FOR UPDATE")) {
      lock.setObject(1, conversationId);
      lock.executeQuery().close();
    }
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      backendPid = rs.getInt(1);
    }
  }

  /** Waits until another transaction is blocked on this lock. */
  public void awaitWaiter() {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> {
      try (Connection probe = DriverManager.getConnection(TestServices.jdbcUrl());
          PreparedStatement waiting = probe.prepareStatement(
              "SELECT count(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))")) {
        waiting.setInt(1, backendPid);
        try (ResultSet rs = waiting.executeQuery()) {
          rs.next();
          return rs.getInt(1) > 0;
        }
      }
    });
  }

  /** Releases the lock. */
  @Override
  public void close() throws SQLException {
    try {
      connection.rollback();
    } finally {
      connection.close();
    }
  }
}
