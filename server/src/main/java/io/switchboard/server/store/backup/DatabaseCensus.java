package io.switchboard.server.store.backup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a backup promises to bring back, read from one database: its server version, the rows of
 * every table outside the system schemas, and for a few key tables a SHA-256 over their primary
 * keys in key order (the same as hashing {@code string_agg} of the keys, streamed so that a table
 * of millions of rows needs no giant string).
 *
 * <p>Not thread-safe: it uses the one connection it is given.
 */
public final class DatabaseCensus {
  /** The tables whose ordered keys are checksummed when they exist. */
  public static final List<String> KEY_TABLES = List.of("conversations", "messages", "tickets",
      "contacts", "users", "attachments", "audit_log");

  private final Connection connection;

  public DatabaseCensus(Connection connection) {
    this.connection = connection;
  }

  /** The server's version, such as {@code 18.1}. */
  public String serverVersion() throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Rows per table, keyed {@code schema.table}, sorted, for every table outside the system schemas. */
  public Map<String, Long> rowCounts() throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    for (String table : tables()) {
      try (Statement st = connection.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
        rs.next();
        counts.put(table, rs.getLong(1));
      }
    }
    return counts;
  }

  /** SHA-256 (hex) of each present key table's primary keys in order, keyed by table name. */
  public Map<String, String> keyChecksums(List<String> names) throws SQLException {
    Map<String, String> sums = new TreeMap<>();
    for (String name : names) {
      List<String> key = primaryKey(name);
      if (key.isEmpty()) {
        continue;
      }
      String columns = String.join(", ", key);
      String sql = "SELECT ROW(" + columns + ")::text FROM public." + name + " ORDER BY " + columns;
      MessageDigest digest = sha256();
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false); // a cursor (fetch size) needs a transaction
      try (PreparedStatement st = connection.prepareStatement(sql)) {
        st.setFetchSize(10_000);
        try (ResultSet rs = st.executeQuery()) {
          boolean first = true;
          while (rs.next()) {
            if (!first) {
              digest.update((byte) ',');
            }
            first = false;
            digest.update(rs.getString(1).getBytes(StandardCharsets.UTF_8));
          }
        }
      } finally {
        connection.commit();
        connection.setAutoCommit(autoCommit);
      }
      sums.put(name, HexFormat.of().formatHex(digest.digest()));
    }
    return sums;
  }

  /** Every table outside the system schemas, as {@code schema.table}, sorted. */
  public List<String> tables() throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name)"
            + " FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
            + " AND table_schema NOT IN ('pg_catalog', 'information_schema')"
            + " AND table_schema NOT LIKE 'pg_toast%' ORDER BY 1")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  /** The primary-key columns of {@code public.<name>} in key order; empty when there is none. */
  private List<String> primaryKey(String name) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (PreparedStatement st = connection.prepareStatement(
        "SELECT quote_ident(a.attname) FROM pg_index i"
            + " JOIN pg_class c ON c.oid = i.indrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'"
            + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)"
            + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum"
            + " WHERE c.relname = ? AND i.indisprimary ORDER BY k.ord")) {
      st.setString(1, name);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1));
        }
      }
    }
    return columns;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
