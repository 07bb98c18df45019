package io.switchboard.server.store.report;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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

  /** An agent's status period, times in milliseconds ({@link #NONE}: still running). */
  public record StatusRow(long id, UUID agent, boolean online, long from, long to) {}

  /** A chat held by an agent, times in milliseconds ({@link #NONE}: still held). */
  public record HoldRow(UUID conversation, UUID agent, long from, long to) {}

  /** Where a read puts what it finds. */
  public interface Sink {
    void chat(ChatRow row);

    void ticket(TicketRow row);

    void status(StatusRow row);

    void hold(HoldRow row);
  }

  /**
   * What one read found: the next horizon, the database's time, the conversations whose fact or
   * holds changed (their holds were read again), the ids changed and now gone, and the
   * transactions whose changes it read (from the horizon on).
   */
  public record Read(long horizon, long databaseNow, Set<UUID> changedChats,
      Set<UUID> goneChats, Set<UUID> goneTickets, Set<Long> goneStatuses,
      Set<Long> transactions) {}

  /** How many changed rows a read takes before the index had better load everything. */
  public static final int MOST_CHANGES = 200_000;

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
  private static final String STATUSES = """
      SELECT id, agent_id, status, started_at, ended_at FROM agent_status_periods""";
  // As AgentTimeDao reads them: each holder event holds the chat until the chat's next one.
  private static final String HOLDS = """
      SELECT conversation_id, CAST(holder AS uuid) AS agent_id, held_from, held_to FROM (
        SELECT e.conversation_id, e.at AS held_from,
               CASE WHEN e.kind = 'assigned' THEN e.actor_id
                    WHEN e.kind = 'transferred' THEN e.detail->>'toAgent' END AS holder,
               lead(e.at) OVER (PARTITION BY e.conversation_id ORDER BY e.id) AS held_to
        FROM conversation_events e
        WHERE e.kind IN ('assigned', 'transferred', 'requeued', 'closed') %s) h
      WHERE holder IS NOT NULL AND (held_to IS NULL OR held_to > held_from)""";
  private static final String SNAPSHOT = """
      SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS horizon,
             (extract(epoch FROM now()) * 1000000)::bigint AS now""";

  private final Jdbi jdbi;

  public ReportIndexDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Every fact, status period and held chat, to {@code sink}; nothing is gone. */
  public Read all(Sink sink) {
    return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
      Read read = snapshot(handle);
      handle.createQuery(CHATS).setFetchSize(5_000).map((rs, ctx) -> chat(rs))
          .forEach(sink::chat);
      handle.createQuery(TICKETS).setFetchSize(5_000).map((rs, ctx) -> ticket(rs))
          .forEach(sink::ticket);
      handle.createQuery(STATUSES).setFetchSize(5_000).map((rs, ctx) -> status(rs))
          .forEach(sink::status);
      handle.createQuery(HOLDS.formatted("")).setFetchSize(5_000).map((rs, ctx) -> hold(rs))
          .forEach(sink::hold);
      return read;
    });
  }

  /**
   * What transactions from {@code horizon} on changed, except those in {@code applied} (a
   * transaction's changes are seen all at once, so one read before need not be read again), to
   * {@code sink}: the facts, the holds of each changed conversation, the status periods; those
   * changed and now gone in the answer. Null when more than {@link #MOST_CHANGES} rows changed,
   * or an erasure asked every index to load again (a {@code reload} change).
   */
  public Read since(long horizon, Set<Long> applied, Sink sink) {
    return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
      Read read = snapshot(handle);
      Set<Long> transactions = new HashSet<>();
      Set<UUID> chats = new LinkedHashSet<>();
      Set<UUID> tickets = new LinkedHashSet<>();
      Set<Long> statuses = new LinkedHashSet<>();
      boolean[] reload = {false};
      handle.createQuery("""
              SELECT xid::text::bigint AS xid, kind, id, number FROM report_changes
              WHERE xid >= CAST(CAST(:horizon AS text) AS xid8)""")
          .bind("horizon", horizon).map((rs, ctx) -> {
            long xid = rs.getLong("xid");
            transactions.add(xid);
            if (!applied.contains(xid)) {
              switch (rs.getString("kind")) {
                case "chat" -> chats.add(rs.getObject("id", UUID.class));
                case "ticket" -> tickets.add(rs.getObject("id", UUID.class));
                case "status" -> statuses.add(rs.getLong("number"));
                default -> reload[0] = true;
              }
            }
            return xid;
          }).forEach(xid -> { });
      if (reload[0] || chats.size() + tickets.size() + statuses.size() > MOST_CHANGES) {
        return null;
      }
      Set<UUID> goneChats = new HashSet<>(chats);
      Set<UUID> goneTickets = new HashSet<>(tickets);
      Set<Long> goneStatuses = new HashSet<>(statuses);
      if (!chats.isEmpty()) {
        UUID[] ids = chats.toArray(UUID[]::new);
        handle.createQuery(CHATS + " WHERE f.conversation_id = ANY(:ids)").bind("ids", ids)
            .map((rs, ctx) -> chat(rs)).forEach(row -> {
              goneChats.remove(row.id());
              sink.chat(row);
            });
        handle.createQuery(HOLDS.formatted("AND e.conversation_id = ANY(:ids)"))
            .bind("ids", ids).map((rs, ctx) -> hold(rs)).forEach(sink::hold);
      }
      if (!tickets.isEmpty()) {
        handle.createQuery(TICKETS + " WHERE t.ticket_id = ANY(:ids)")
            .bind("ids", tickets.toArray(UUID[]::new)).map((rs, ctx) -> ticket(rs))
            .forEach(row -> {
              goneTickets.remove(row.id());
              sink.ticket(row);
            });
      }
      if (!statuses.isEmpty()) {
        handle.createQuery(STATUSES + " WHERE id = ANY(:ids)")
            .bind("ids", statuses.toArray(Long[]::new)).map((rs, ctx) -> status(rs))
            .forEach(row -> {
              goneStatuses.remove(row.id());
              sink.status(row);
            });
      }
      return new Read(read.horizon(), read.databaseNow(), chats, goneChats, goneTickets,
          goneStatuses, transactions);
    });
  }

  /** Forgets changes older than a day; answers how many. */
  public int prune() {
    return jdbi.withHandle(handle -> handle.createUpdate(
        "DELETE FROM report_changes WHERE at < now() - interval '1 day'").execute());
  }

  private static Read snapshot(Handle handle) {
    return handle.createQuery(SNAPSHOT).map((rs, ctx) -> new Read(rs.getLong("horizon"),
        rs.getLong("now"), Set.of(), Set.of(), Set.of(), Set.of(), Set.of())).one();
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

  private static StatusRow status(ResultSet rs) throws SQLException {
    return new StatusRow(rs.getLong("id"), rs.getObject("agent_id", UUID.class),
        rs.getString("status").equals("online"), millis(rs, "started_at"),
        millis(rs, "ended_at"));
  }

  private static HoldRow hold(ResultSet rs) throws SQLException {
    return new HoldRow(rs.getObject("conversation_id", UUID.class),
        rs.getObject("agent_id", UUID.class), millis(rs, "held_from"), millis(rs, "held_to"));
  }

  private static long millis(ResultSet rs, String column) throws SQLException {
    Timestamp at = rs.getTimestamp(column);
    return at == null ? NONE : at.getTime();
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
