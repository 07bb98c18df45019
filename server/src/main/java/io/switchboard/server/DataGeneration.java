package io.switchboard.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a migrated Switchboard database with a generated history, server-side: the SQL scripts
 * under {@code datagen/} insert from {@code generate_series} in steps (a line
 * {@code -- step: name}); the messages step runs in chunks of conversations
 * ({@code -- chunked step: name}, bounded by {@code ${lo}} and {@code ${hi}}) so progress shows
 * and no transaction grows huge. The scripts work in a schema {@code datagen} they drop at the end.
 *
 * <p>Not thread-safe: one generation at a time per instance.
 */
public final class DataGeneration {
  /** The scripts, in the order they run. */
  static final List<String> SCRIPTS = List.of("1-vocabulary.sql", "2-people.sql",
      "3-conversations.sql", "3a-agent-status.sql", "4-tickets.sql");
  /** The tables the generator fills, in the order the summary lists them. */
  public static final List<String> TABLES = List.of("sites", "teams", "queues", "users",
      "team_members", "queue_members", "contact_fields", "companies", "contacts",
      "contact_events", "contact_notes", "conversations", "messages", "conversation_events",
      "ratings", "notes", "tickets", "ticket_entries", "ticket_events", "ticket_links",
      "agent_status_periods");
  /** Conversations per chunk of the messages step (about 500,000 messages). */
  private static final long CHUNK = 25_000;
  private static final Pattern MARKER = Pattern.compile("(?m)^-- (chunked )?step: (.+)$");
  private static final Pattern VALUE = Pattern.compile("\\$\\{([a-z_]+)}");

  /** One step's name and how long it took. */
  public record StepTime(String name, double seconds) {}

  private final String jdbcUrl;
  private final PrintStream log;

  public DataGeneration(String jdbcUrl, PrintStream log) {
    this.jdbcUrl = jdbcUrl;
    this.log = log;
  }

  /** Runs every step; refuses a database that already holds a generated history. */
  public List<StepTime> run(GenerationSize size, String passwordHash) throws SQLException {
    Map<String, String> values = new LinkedHashMap<>(size.sqlValues(passwordHash));
    List<StepTime> times = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        Statement statement = connection.createStatement()) {
      try (ResultSet existing = statement.executeQuery(
          "SELECT count(*) FROM sites WHERE id LIKE 'gen-%'")) {
        existing.next();
        if (existing.getLong(1) > 0) {
          throw new IllegalStateException("this database already holds a generated history"
              + " (sites gen-*); generate into an empty one");
        }
      }
      statement.execute("SET synchronous_commit = off");
      statement.execute("SET work_mem = '256MB'");
      statement.execute("SET maintenance_work_mem = '512MB'");
      for (String script : SCRIPTS) {
        Matcher marker = MARKER.matcher(read(script));
        String text = marker.replaceAll("\u0000$0");
        for (String part : text.split("\u0000")) {
          Matcher head = MARKER.matcher(part);
          if (!head.lookingAt()) {
            continue;
          }
          String name = head.group(2).trim();
          String sql = part.substring(head.end());
          long started = System.nanoTime();
          if (head.group(1) != null) {
            runChunked(statement, name, sql, values, size.conversations());
          } else {
            statement.execute(fill(sql, values));
          }
          double seconds = (System.nanoTime() - started) / 1e9;
          times.add(new StepTime(name, seconds));
          log.printf("  %-22s %8.1f s%n", name, seconds);
        }
      }
    }
    return times;
  }

  /** Exact row counts of the generated tables (all rows, generated or not). */
  public Map<String, Long> counts() throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        Statement statement = connection.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
          rows.next();
          counts.put(table, rows.getLong(1));
        }
      }
    }
    return counts;
  }

  /** The database's size on disk. */
  public String databaseSize() throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT pg_size_pretty(pg_database_size(current_database()))")) {
      rows.next();
      return rows.getString(1);
    }
  }

  private void runChunked(Statement statement, String name, String sql,
      Map<String, String> values, long conversations) throws SQLException {
    long rows = 0;
    long started = System.nanoTime();
    for (long lo = 0; lo < conversations; lo += CHUNK) {
      Map<String, String> chunk = new LinkedHashMap<>(values);
      chunk.put("lo", Long.toString(lo));
      chunk.put("hi", Long.toString(Math.min(conversations, lo + CHUNK)));
      rows += statement.executeUpdate(fill(sql, chunk));
      double seconds = (System.nanoTime() - started) / 1e9;
      log.printf("    %s: %,d rows after %,d of %,d conversations, %.0f s (%,.0f rows/s)%n", name,
          rows, Math.min(conversations, lo + CHUNK), conversations, seconds, rows / seconds);
    }
  }

  static String fill(String sql, Map<String, String> values) {
    Matcher matcher = VALUE.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalStateException("no value for ${" + matcher.group(1) + "}");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String read(String script) {
    try (InputStream in = DataGeneration.class.getResourceAsStream("/datagen/" + script)) {
      if (in == null) {
        throw new IllegalStateException("missing resource datagen/" + script);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
