package io.switchboard.server.store.report;

import io.switchboard.server.db.StoreRows;
import java.time.Instant;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The report facts' storage: recomputing the facts of given conversations and tickets, finding
 * what changed since the cursors, and the cursors themselves. Every method that writes takes the
 * caller's handle, so one pass of the updater commits its facts and its cursors together.
 *
 * <p>Stateless and thread-safe; a handle passed in belongs to one thread.
 */
public final class ReportFactDao {
  /** The advisory lock that lets one node at a time update the facts. */
  static final long UPDATE_LOCK = 0x5245504f5254L;

  /** What changed: the conversations and tickets to recompute, and the highest ids read. */
  public record Touched(Set<UUID> conversations, Set<UUID> tickets, Cursors heads) {}

  /** Where the updater stopped: highest ids seen and when the last pass read. */
  public record Cursors(long conversationEvent, long ticketEvent, long ticketEntry,
      long contactEvent, Instant lastRun) {}

  private final Jdbi jdbi;

  public ReportFactDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** Takes the update lock for the handle's connection; false when another node holds it. */
  public boolean tryLock(Handle handle) {
    return handle.createQuery("SELECT pg_try_advisory_lock(:key)").bind("key", UPDATE_LOCK)
        .mapTo(Boolean.class).one();
  }

  /** Gives the update lock back. */
  public void unlock(Handle handle) {
    handle.createQuery("SELECT pg_advisory_unlock(:key)").bind("key", UPDATE_LOCK)
        .mapTo(Boolean.class).one();
  }

  /** The cursors, empty before the first pass (facts must then be backfilled). */
  public Optional<Cursors> cursors(Handle handle) {
    List<Map<String, Object>> rows = handle.createQuery(
            "SELECT name, last_id, last_at FROM report_cursors").mapToMap().list();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    long[] ids = new long[4];
    Instant lastRun = null;
    for (Map<String, Object> row : rows) {
      long id = ((Number) row.get("last_id")).longValue();
      switch ((String) row.get("name")) {
        case "conversation_events" -> ids[0] = id;
        case "ticket_events" -> ids[1] = id;
        case "ticket_entries" -> ids[2] = id;
        case "contact_events" -> ids[3] = id;
        case "run" -> lastRun = ((java.sql.Timestamp) row.get("last_at")).toInstant();
        default -> { }
      }
    }
    return Optional.of(new Cursors(ids[0], ids[1], ids[2], ids[3], lastRun));
  }

  /** Stores the cursors (ids only move forward). */
  public void saveCursors(Handle handle, Cursors cursors) {
    String sql = """
        INSERT INTO report_cursors (name, last_id, last_at) VALUES (:name, :id, :at)
        ON CONFLICT (name) DO UPDATE
        SET last_id = greatest(report_cursors.last_id, excluded.last_id), last_at = excluded.last_at""";
    Object[][] rows = {{"conversation_events", cursors.conversationEvent()},
        {"ticket_events", cursors.ticketEvent()}, {"ticket_entries", cursors.ticketEntry()},
        {"contact_events", cursors.contactEvent()}, {"run", 0L}};
    for (Object[] row : rows) {
      handle.createUpdate(sql).bind("name", (String) row[0]).bind("id", (Long) row[1])
          .bind("at", StoreRows.timestamp(cursors.lastRun())).execute();
    }
  }

  /** The highest ids of every history and the database's time now, where a pass starts. */
  public Cursors heads(Handle handle) {
    return handle.createQuery("""
            SELECT clock_timestamp() AS now,
                   (SELECT coalesce(max(id), 0) FROM conversation_events) AS ce,
                   (SELECT coalesce(max(id), 0) FROM ticket_events) AS te,
                   (SELECT coalesce(max(id), 0) FROM ticket_entries) AS tn,
                   (SELECT coalesce(max(id), 0) FROM contact_events) AS ke""")
        .map((rs, ctx) -> new Cursors(rs.getLong("ce"), rs.getLong("te"), rs.getLong("tn"),
            rs.getLong("ke"), StoreRows.instant(rs, "now")))
        .one();
  }

  /**
   * Everything touched after the cursors: ids above each cursor less {@code idMargin} (a
   * transaction with a lower id may commit after a higher one was read), messages written since
   * the last pass less {@code timeMargin} seconds, and for a merged contact all its conversations
   * and tickets. A touched conversation's contact's chats that closed in the 24 hours before it
   * started are recomputed too, unless they count as returned already: it may be their contact
   * coming back. (Only a merge takes a later chat away, and a merge recomputes all of them.)
   */
  public Touched touched(Handle handle, Cursors from, long idMargin, long timeMarginSeconds) {
    Cursors heads = heads(handle);
    Set<UUID> conversations = new LinkedHashSet<>(handle.createQuery("""
            WITH direct AS (
              SELECT conversation_id FROM conversation_events WHERE id > :ce
              UNION SELECT conversation_id FROM messages
                    WHERE created_at > :since - make_interval(secs => :margin)
              UNION SELECT conversation_id FROM ratings
                    WHERE created_at > :since - make_interval(secs => :margin)
              UNION SELECT c.id FROM contact_events e JOIN conversations c ON c.contact_id = e.contact_id
                    WHERE e.id > :ke AND e.kind = 'merged'
            )
            SELECT c.id FROM direct JOIN conversations c ON c.id = direct.conversation_id
            UNION
            SELECT earlier.id FROM direct
            JOIN conversations c ON c.id = direct.conversation_id
            JOIN conversations earlier ON earlier.contact_id = c.contact_id
             AND earlier.closed_at <= c.created_at
             AND earlier.closed_at > c.created_at - interval '24 hours'
            WHERE NOT EXISTS (SELECT 1 FROM report_chat_facts f
                              WHERE f.conversation_id = earlier.id AND f.returned)""")
        .bind("ce", from.conversationEvent() - idMargin)
        .bind("ke", from.contactEvent() - idMargin)
        .bind("since", StoreRows.timestamp(from.lastRun()))
        .bind("margin", timeMarginSeconds)
        .mapTo(UUID.class).list());
    Set<UUID> tickets = new LinkedHashSet<>(handle.createQuery("""
            SELECT ticket_id FROM ticket_events WHERE id > :te
            UNION SELECT ticket_id FROM ticket_entries WHERE id > :tn
            UNION SELECT ticket_id FROM ticket_ratings
                  WHERE created_at > :since - make_interval(secs => :margin)
            UNION SELECT t.id FROM contact_events e JOIN tickets t ON t.contact_id = e.contact_id
                  WHERE e.id > :ke AND e.kind = 'merged'""")
        .bind("te", from.ticketEvent() - idMargin)
        .bind("tn", from.ticketEntry() - idMargin)
        .bind("ke", from.contactEvent() - idMargin)
        .bind("since", StoreRows.timestamp(from.lastRun()))
        .bind("margin", timeMarginSeconds)
        .mapTo(UUID.class).list());
    return new Touched(conversations, tickets, heads);
  }

  /**
   * Recomputes the facts of these conversations from their full history, writing those that
   * changed.
   */
  public void recomputeChats(Handle handle, Set<UUID> ids) {
    UUID[] array = ids.toArray(UUID[]::new);
    handle.createUpdate(ReportFactSql.DELETE_CHATS).bind("ids", array)
        .bind("probe", ReportFactSql.PROBE_SITE).execute();
    handle.createUpdate(ReportFactSql.INSERT_CHATS).bind("ids", array)
        .bind("probe", ReportFactSql.PROBE_SITE).execute();
  }

  /** Recomputes the facts of these tickets from their full history, writing those that changed. */
  public void recomputeTickets(Handle handle, Set<UUID> ids) {
    UUID[] array = ids.toArray(UUID[]::new);
    handle.createUpdate(ReportFactSql.DELETE_TICKETS).bind("ids", array)
        .bind("probe", ReportFactSql.PROBE_SITE).execute();
    handle.createUpdate(ReportFactSql.INSERT_TICKETS).bind("ids", array)
        .bind("probe", ReportFactSql.PROBE_SITE).execute();
  }

  /** Ids of conversations in one backfill chunk: after {@code after}, at most {@code limit}. */
  public List<UUID> conversationIds(Handle handle, UUID after, int limit) {
    return handle.createQuery("""
            SELECT id FROM conversations WHERE id > :after ORDER BY id LIMIT :limit""")
        .bind("after", after).bind("limit", limit).mapTo(UUID.class).list();
  }

  /** Ids of tickets in one backfill chunk: after {@code after}, at most {@code limit}. */
  public List<UUID> ticketIds(Handle handle, UUID after, int limit) {
    return handle.createQuery("SELECT id FROM tickets WHERE id > :after ORDER BY id LIMIT :limit")
        .bind("after", after).bind("limit", limit).mapTo(UUID.class).list();
  }
}
