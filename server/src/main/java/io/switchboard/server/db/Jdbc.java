package io.switchboard.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Plain JDBC on a Jdbi handle's connection, for the statements every conversation runs (start,
 * find, close) and the batched reads of messages. Profiles of the routing benchmark showed Jdbi's per-statement set-up (copying its
 * configuration, looking up argument factories) costing more client time than the statements
 * themselves. Parameters bind by position: null as an untyped null (PostgreSQL infers the type),
 * a {@code String[]}, {@code UUID[]} or {@code Long[]} as a text, uuid or bigint array, anything
 * else with {@code setObject}.
 *
 * <p>Stateless and thread-safe; the handle belongs to the calling thread.
 */
public final class Jdbc {
  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private Jdbc() {}

  /** Takes the current row of a result set. */
  @FunctionalInterface
  public interface RowConsumer {
    void accept(ResultSet rs) throws SQLException;
  }

  /** The first row the statement returns, if any. */
  public static <T> Optional<T> first(Handle handle, String sql, Row<T> row, Object... params)
      throws SQLException {
    return query(handle, sql, rs -> rs.next() ? Optional.of(row.map(rs)) : Optional.empty(),
        params);
  }

  /** Runs the statement and hands every row it returns to {@code each}, in order. */
  public static void forEach(Handle handle, String sql, RowConsumer each, Object... params)
      throws SQLException {
    query(handle, sql, rs -> {
      while (rs.next()) {
        each.accept(rs);
      }
      return null;
    }, params);
  }

  private static <T> T query(Handle handle, String sql, Row<T> read, Object[] params)
      throws SQLException {
    Connection connection = handle.getConnection();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(connection, statement, params);
      try (ResultSet rs = statement.executeQuery()) {
        return read.map(rs);
      }
    }
  }

  private static void bind(Connection connection, PreparedStatement statement, Object[] params)
      throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object value = params[i];
      if (value == null) {
        statement.setNull(i + 1, Types.OTHER);
      } else if (value instanceof String[] texts) {
        statement.setArray(i + 1, connection.createArrayOf("text", texts));
      } else if (value instanceof UUID[] ids) {
        statement.setArray(i + 1, connection.createArrayOf("uuid", ids));
      } else if (value instanceof Long[] numbers) {
        statement.setArray(i + 1, connection.createArrayOf("int8", numbers));
      } else {
        statement.setObject(i + 1, value);
      }
    }
  }
}
