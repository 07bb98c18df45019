package io.switchboard.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Plain JDBC on a Jdbi handle's connection, for the statements every conversation runs (start,
 * find, close). Profiles of the routing benchmark showed Jdbi's per-statement set-up (copying its
 * configuration, looking up argument factories) costing more client time than the statements
 * themselves. Parameters bind by position: null as an untyped null (PostgreSQL infers the type),
 * a {@code String[]} as a text array, anything else with {@code setObject}.
 *
 * <p>Stateless and thread-safe; the handle belongs to the calling thread.
 */
final class Jdbc {
  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private Jdbc() {}

  /** The first row the statement returns, if any. */
  static <T> Optional<T> first(Handle handle, String sql, Row<T> row, Object... params)
      throws SQLException {
    Connection connection = handle.getConnection();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(connection, statement, params);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
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
      } else {
        statement.setObject(i + 1, value);
      }
    }
  }
}
