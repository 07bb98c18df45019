package io.switchboard.server.store.report;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Reads the report facts with their ratings for the in-memory report index: all of them, or
 * those that changed since a horizon (V46 {@code report_changes}). Each read runs in one
 * repeatable-read transaction, so the rows, the changes and the next horizon come from one
 * snapshot. Times are microseconds since the epoch, durations whole seconds, null as
 * {@link #NONE}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReportIndexDao {
  /** A missing duration or time. */
  public static final long NONE = Long.MIN_VALUE;

  /** One chat fact and its rating (score 0: not rated). */
  public record ChatRow(UUID id, String site, String queue, UUID agent, String[] tags,
      long startedAt, boolean answered, boolean missed, boolean resolved, boolean returned,
      int transfers, String[] transferredBy, long abandonedWait, long queueWait,
      long firstResponse, long handle, long resolution, long[] nextResponses, int ratingScore,
      long ratedAt) {}

  /** One ticket fact and its rating (score 0: not rated). */
  public record TicketRow(UUID id, String site, String queue, UUID assignee, String channel,
      String type, String priority, String[] tags, long createdAt, long solvedAt,
      boolean reopened, int replies, long firstResponse, long[] nextResponses, long resolution,
      int ratingScore, long ratedAt) {}

  /**
   * What one read found: the next horizon, the database's time, the ids changed and now gone,
   * and the transactions whose changes it read (from the horizon on).
   */
  public record Read(long horizon, long databaseNow, List<UUID> goneChats,
      List<UUID> goneTickets, Set<Long> transactions) {}

  // Only the columns the index keeps; empty arrays come as null, which costs nothing to read.
  private static final String CHATS = """
      SELECT f.conversation_id, f.site_id, f.queue_id, f.agent_id,
             CASE WHEN cardinality(f.tags) > 0 THEN f.tags END AS tags, f.started_at,
             f.answered, f.missed, f.resolved, f.returned, f.transfers,
             CASE WHEN cardinality(f.transferred_by) > 0 THEN f.transferred_by END
                 AS transferred_by,
             f.abandoned_wait, f.queue_wait, f.first_response, f.handle, f.resolution,
             array_to_string(f.next_responses, ',') AS next_responses,
             r.score AS rating_score, r.created_at AS rated_at
      FROM report_chat_facts f LEFT JOIN ratings r ON r.conversation_id = f.conversation_id""";
  private static final String TICKETS = """
      SELECT t.ticket_id, t.site_id, t.queue_id, t.assignee_id, t.channel, t.type, t.priority,
             CASE WHEN cardinality(t.tags) > 0 THEN t.tags END AS tags, t.created_at,
             t.solved_at, t.reopened, t.replies, t.first_response,
             array_to_string(t.next_responses, ',') AS next_responses, t.resolution,
             r.score AS rating_score, r.created_at AS rated_at
      FROM report_ticket_facts t LEFT JOIN ticket_ratings r ON r.ticket_id = t.ticket_id""";
  private static final String SNAPSHOT = """
      SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS horizon,
             (extract(epoch FROM now()) * 1000000)::bigint AS now""";

  private final Jdbi jdbi;

  public ReportIndexDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Every fact, to {@code chats} and {@code tickets}; the gone lists are empty. */
  public Read all(Consumer<ChatRow> chats, Consumer<TicketRow> tickets) {
    return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
      Read read = snapshot(handle);
      handle.createQuery(CHATS).setFetchSize(5_000).map((rs, ctx) -> chat(rs))
          .forEach(chats);
      handle.createQuery(TICKETS).setFetchSize(5_000).map((rs, ctx) -> ticket(rs))
          .forEach(tickets);
      return read;
    });
  }

  /**
   * The facts changed by transactions from {@code horizon} on except those in {@code applied}
   * (a transaction's changes are seen all at once, so one read before need not be read again),
   * to {@code chats} and {@code tickets}; those changed and now gone in the answer.
   */
  public Read since(long horizon, Set<Long> applied, Consumer<ChatRow> chats,
      Consumer<TicketRow> tickets) {
    return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
      Read read = snapshot(handle);
      Set<Long> transactions = new HashSet<>();
      Set<UUID> chatIds = new LinkedHashSet<>();
      Set<UUID> ticketIds = new LinkedHashSet<>();
      handle.createQuery("""
              SELECT xid::text::bigint AS xid, kind, id FROM report_changes
              WHERE xid >= CAST(CAST(:horizon AS text) AS xid8)""")
          .bind("horizon", horizon).map((rs, ctx) -> {
            long xid = rs.getLong("xid");
            transactions.add(xid);
            if (!applied.contains(xid)) {
              (rs.getString("kind").equals("chat") ? chatIds : ticketIds)
                  .add(rs.getObject("id", UUID.class));
            }
            return xid;
          }).forEach(xid -> { });
      List<UUID> goneChats = new ArrayList<>(chatIds);
      List<UUID> goneTickets = new ArrayList<>(ticketIds);
      if (!chatIds.isEmpty()) {
        handle.createQuery(CHATS + " WHERE f.conversation_id = ANY(:ids)")
            .bind("ids", chatIds.toArray(UUID[]::new)).map((rs, ctx) -> chat(rs))
            .forEach(row -> {
              goneChats.remove(row.id());
              chats.accept(row);
            });
      }
      if (!ticketIds.isEmpty()) {
        handle.createQuery(TICKETS + " WHERE t.ticket_id = ANY(:ids)")
            .bind("ids", ticketIds.toArray(UUID[]::new)).map((rs, ctx) -> ticket(rs))
            .forEach(row -> {
              goneTickets.remove(row.id());
              tickets.accept(row);
            });
      }
      return new Read(read.horizon(), read.databaseNow(), goneChats, goneTickets, transactions);
    });
  }

  /** Forgets changes older than a day; answers how many. */
  public int prune() {
    return jdbi.withHandle(handle -> handle.createUpdate(
        "DELETE FROM report_changes WHERE at < now() - interval '1 day'").execute());
  }

  private static Read snapshot(Handle handle) {
    return handle.createQuery(SNAPSHOT).map((rs, ctx) -> new Read(rs.getLong("horizon"),
        rs.getLong("now"), List.of(), List.of(), Set.of())).one();
  }

  private static ChatRow chat(ResultSet rs) throws SQLException {
    return new ChatRow(rs.getObject("conversation_id", UUID.class), rs.getString("site_id"),
        rs.getString("queue_id"), rs.getObject("agent_id", UUID.class), texts(rs, "tags"),
        micros(rs, "started_at"), rs.getBoolean("answered"), rs.getBoolean("missed"),
        rs.getBoolean("resolved"), rs.getBoolean("returned"), rs.getInt("transfers"),
        texts(rs, "transferred_by"), seconds(rs, "abandoned_wait"), seconds(rs, "queue_wait"),
        seconds(rs, "first_response"), seconds(rs, "handle"), seconds(rs, "resolution"),
        longs(rs, "next_responses"), rs.getInt("rating_score"), micros(rs, "rated_at"));
  }

  private static TicketRow ticket(ResultSet rs) throws SQLException {
    return new TicketRow(rs.getObject("ticket_id", UUID.class), rs.getString("site_id"),
        rs.getString("queue_id"), rs.getObject("assignee_id", UUID.class),
        rs.getString("channel"), rs.getString("type"), rs.getString("priority"),
        texts(rs, "tags"), micros(rs, "created_at"), micros(rs, "solved_at"),
        rs.getBoolean("reopened"), rs.getInt("replies"), seconds(rs, "first_response"),
        longs(rs, "next_responses"), seconds(rs, "resolution"), rs.getInt("rating_score"),
        micros(rs, "rated_at"));
  }

  private static long micros(ResultSet rs, String column) throws SQLException {
    Timestamp at = rs.getTimestamp(column);
    return at == null ? NONE
        : Math.floorDiv(at.getTime(), 1000) * 1_000_000 + at.getNanos() / 1000;
  }

  private static long seconds(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? NONE : value;
  }

  private static String[] texts(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    return array == null ? new String[0] : (String[]) array.getArray();
  }

  /** A bigint array read as its comma-separated text (parsing it is far cheaper). */
  private static long[] longs(ResultSet rs, String column) throws SQLException {
    String text = rs.getString(column);
    if (text == null || text.isEmpty()) {
      return new long[0];
    }
    String[] parts = text.split(",");
    long[] result = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      result[i] = Long.parseLong(parts[i]);
    }
    return result;
  }
}
