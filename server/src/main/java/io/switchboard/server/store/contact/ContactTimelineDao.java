package io.switchboard.server.store.contact;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * A contact's timeline as one list, newest first, read from where each thing is kept:
 * conversations (started and closed), tickets (created and solved), ratings, mails that came in
 * on the contact's tickets, and the contact's own history. Pages are keyset pages on
 * (time, key).
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class ContactTimelineDao {
  private static final String ITEMS = """
      SELECT c.created_at AS at, 'c1:' || c.id AS key, 'conversation.started' AS kind,
          NULL AS actor_id, jsonb_build_object('conversationId', c.id, 'queue', c.queue_id,
              'status', c.status) AS detail
      FROM conversations c WHERE c.contact_id = :contact
      UNION ALL
      SELECT c.closed_at, 'c2:' || c.id, 'conversation.closed', c.agent_id::text,
          jsonb_build_object('conversationId', c.id, 'disposition', c.disposition,
              'messageCount', c.last_seq, 'closedBy', c.closed_by)
      FROM conversations c WHERE c.contact_id = :contact AND c.closed_at IS NOT NULL
      UNION ALL
      SELECT t.created_at, 't1:' || t.id, 'ticket.created', NULL,
          jsonb_build_object('ticketId', t.id, 'number', t.number, 'subject', t.subject,
              'status', t.status)
      FROM tickets t WHERE t.contact_id = :contact
      UNION ALL
      SELECT t.solved_at, 't2:' || t.id, 'ticket.solved', t.assignee_id::text,
          jsonb_build_object('ticketId', t.id, 'number', t.number, 'subject', t.subject,
              'status', t.status)
      FROM tickets t WHERE t.contact_id = :contact AND t.solved_at IS NOT NULL
      UNION ALL
      SELECT r.created_at, 'r:' || r.conversation_id, 'rating', NULL,
          jsonb_build_object('conversationId', r.conversation_id, 'score', r.score,
              'comment', r.comment)
      FROM ratings r WHERE r.contact_id = :contact
      UNION ALL
      SELECT m.received_at, 'm:' || m.id, 'mail', NULL,
          jsonb_build_object('ticketId', t.id, 'number', t.number, 'subject', m.subject,
              'from', m.sender)
      FROM tickets t JOIN mail_messages m ON m.ticket_id = t.id
      WHERE t.contact_id = :contact AND m.direction = 'in' AND m.entry_id IS NOT NULL
      UNION ALL
      SELECT e.at, 'e:' || lpad(e.id::text, 20, '0'), e.kind, e.actor, e.detail
      FROM contact_events e WHERE e.contact_id = :contact
      """;

  private final Jdbi jdbi;

  public ContactTimelineDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Up to {@code limit} items of the contact, newest first, all before ({@code beforeAt},
   * {@code beforeKey}) when that is given.
   */
  public List<TimelineItem> page(UUID contactId, Instant beforeAt, String beforeKey, int limit) {
    String sql = "SELECT i.at, i.key, i.kind, i.actor_id, u.display_name, i.detail::text AS detail"
        + " FROM (" + ITEMS + ") i LEFT JOIN users u ON u.id::text = i.actor_id"
        + (beforeAt == null ? "" : " WHERE (i.at, i.key) < (:beforeAt, :beforeKey)")
        + " ORDER BY i.at DESC, i.key DESC LIMIT :limit";
    return StoreFailures.call("contact timeline", () -> jdbi.withHandle(handle -> {
      Query query = handle.createQuery(sql).bind("contact", contactId).bind("limit", limit);
      if (beforeAt != null) {
        query.bind("beforeAt", StoreRows.timestamp(beforeAt)).bind("beforeKey", beforeKey);
      }
      return query.map((rs, ctx) -> new TimelineItem(StoreRows.instant(rs, "at"),
          rs.getString("key"), rs.getString("kind"), rs.getString("actor_id"),
          rs.getString("display_name"), rs.getString("detail"))).list();
    }));
  }
}
