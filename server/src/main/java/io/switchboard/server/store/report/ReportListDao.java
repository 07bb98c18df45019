package io.switchboard.server.store.report;

import io.switchboard.server.db.StoreRows;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The report reads that are lists or live state rather than figures: rating comments page by
 * page (newest first), what waits and runs now, and the staff of some queues.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReportListDao {
  /** Where a page of comments ends: the last comment's time and its conversation or ticket id. */
  public record CommentCursor(Instant at, UUID id) {}

  private final Jdbi jdbi;

  public ReportListDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Ratings with a comment given in the range, newest first, after {@code cursor} (null: from
   * the newest), at most {@code limit}. Columns: conversation_id, ticket_id, ticket_number,
   * score, comment, at, agent_id, queue_id, id.
   */
  public List<Map<String, Object>> comments(FactFilter filter, CommentCursor cursor, int limit) {
    // Each side reads its ratings newest first by time and stops at the page's end; the outer
    // query merges the two pages.
    String chats = filter.matchesChats() ? "(" + """
        SELECT r.conversation_id, NULL::uuid AS ticket_id, NULL::bigint AS ticket_number, r.score,
               r.comment, r.created_at AS at, f.agent_id, f.queue_id, r.conversation_id AS id
        FROM ratings r JOIN report_chat_facts f ON f.conversation_id = r.conversation_id
        WHERE r.comment IS NOT NULL AND r.comment <> ''
          AND r.created_at >= :f_from AND r.created_at < :f_to""" + filter.chatConditions("f")
        + after(cursor, "r.conversation_id")
        + " ORDER BY r.created_at DESC, r.conversation_id DESC LIMIT :limit) UNION ALL " : "";
    String sql = "SELECT * FROM (" + chats + "(" + """
        SELECT NULL::uuid, r.ticket_id, k.number, r.score, r.comment, r.created_at,
               t.assignee_id, t.queue_id, r.ticket_id
        FROM ticket_ratings r JOIN report_ticket_facts t ON t.ticket_id = r.ticket_id
        JOIN tickets k ON k.id = r.ticket_id
        WHERE r.comment IS NOT NULL AND r.comment <> ''
          AND r.created_at >= :f_from AND r.created_at < :f_to""" + filter.ticketConditions("t")
        + after(cursor, "r.ticket_id")
        + " ORDER BY r.created_at DESC, r.ticket_id DESC LIMIT :limit)) c"
        + " ORDER BY c.at DESC, c.id DESC LIMIT :limit";
    return jdbi.withHandle(handle -> {
      var query = ReportQueryDao.query(handle, sql, filter).bind("limit", limit);
      if (cursor != null) {
        query.bind("c_at", StoreRows.timestamp(cursor.at())).bind("c_id", cursor.id());
      }
      return query.mapToMap().list();
    });
  }

  /** The condition that keeps ratings after the cursor (none without one). */
  private static String after(CommentCursor cursor, String id) {
    return cursor == null ? "" : " AND r.created_at <= :c_at AND (r.created_at, " + id
        + ") < (:c_at, :c_id)";
  }

  /**
   * What runs now in the queues (null: every queue but the probe site's): waiting chats, the
   * longest wait in seconds, and chats with an agent.
   */
  public Map<String, Object> live(Set<String> queues, Instant now) {
    return jdbi.withHandle(handle -> handle.createQuery("""
            SELECT count(*) FILTER (WHERE status = 'queued') AS queued,
                   coalesce(max(report_seconds(enqueued_at, :now)) FILTER (
                       WHERE status = 'queued'), 0) AS longest_wait,
                   count(*) FILTER (WHERE status = 'assigned') AS active
            FROM conversations
            WHERE status <> 'closed' AND site_id <> :probe
              AND (:all OR queue_id = ANY(:queues))""")
        .bind("now", StoreRows.timestamp(now)).bind("probe", ReportFactSql.PROBE_SITE)
        .bind("all", queues == null)
        .bind("queues", queues == null ? new String[0] : queues.toArray(String[]::new))
        .mapToMap().one());
  }

  /** Enabled staff who are members of these queues (null: every enabled staff member). */
  public List<UUID> staff(Set<String> queues) {
    return jdbi.withHandle(handle -> handle.createQuery("""
            SELECT u.id FROM users u WHERE NOT u.disabled
              AND (:all OR EXISTS (SELECT 1 FROM queue_members m
                                   WHERE m.user_id = u.id AND m.queue_id = ANY(:queues)))""")
        .bind("all", queues == null)
        .bind("queues", queues == null ? new String[0] : queues.toArray(String[]::new))
        .mapTo(UUID.class).list());
  }

  /** Whether the user is a member of the team. */
  public boolean teamMember(String teamId, UUID userId) {
    return jdbi.withHandle(handle -> handle.createQuery("""
            SELECT EXISTS (SELECT 1 FROM team_members WHERE team_id = :team AND user_id = :user)""")
        .bind("team", teamId).bind("user", userId).mapTo(Boolean.class).one());
  }
}
