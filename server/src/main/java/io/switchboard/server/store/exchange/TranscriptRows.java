package io.switchboard.server.store.exchange;

import io.switchboard.server.db.StoreFailures;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * One conversation as its downloadable transcript shows it: who, when, the outcome (disposition,
 * tags, rating) and every message in seq order with its author's name and attachment names.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class TranscriptRows {
  private final Jdbi jdbi;

  public TranscriptRows(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The conversation's summary. */
  public record Summary(UUID id, String siteId, String contactName, String contactEmail,
      String agentName, Instant createdAt, Instant closedAt, String disposition,
      List<String> tags, Integer rating, String ratingComment, String importedFrom) {}

  /** One message; {@code author} is the staff member's name, the contact's, or null. */
  public record Line(long seq, Instant at, String role, String author, String text,
      List<String> attachments) {}

  public Optional<Summary> summary(UUID conversationId) {
    return StoreFailures.call("transcript summary", () -> jdbi.withHandle(h -> h.createQuery("""
            SELECT c.id, c.site_id, ct.name AS contact_name, ct.email AS contact_email,
                   coalesce(u.display_name, c.fields->>'importedAgent') AS agent_name,
                   c.created_at, c.closed_at, c.disposition, c.tags, r.score, r.comment,
                   c.imported_from
            FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
            LEFT JOIN users u ON u.id = c.agent_id
            LEFT JOIN ratings r ON r.conversation_id = c.id
            WHERE c.id = :id""")
        .bind("id", conversationId)
        .map((rs, ctx) -> new Summary(rs.getObject("id", UUID.class), rs.getString("site_id"),
            rs.getString("contact_name"), rs.getString("contact_email"),
            rs.getString("agent_name"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("closed_at") == null ? null
                : rs.getTimestamp("closed_at").toInstant(),
            rs.getString("disposition"), ContactImportDao.texts(rs.getArray("tags")),
            (Integer) rs.getObject("score"), rs.getString("comment"),
            rs.getString("imported_from")))
        .findOne()));
  }

  public List<Line> lines(UUID conversationId) {
    return StoreFailures.call("transcript lines", () -> jdbi.withHandle(h -> h.createQuery("""
            SELECT m.seq, m.created_at, m.sender_role,
                   CASE m.sender_role WHEN 'agent' THEN coalesce(u.display_name,
                           CASE WHEN m.sender_id LIKE 'import:%' THEN substr(m.sender_id, 8) END)
                        WHEN 'visitor' THEN ct.name END AS author,
                   m.body,
                   ARRAY(SELECT a->>'name' FROM jsonb_array_elements(
                       coalesce(m.attachments, '[]')) a) AS attachments
            FROM messages m JOIN conversations c ON c.id = m.conversation_id
            JOIN contacts ct ON ct.id = c.contact_id
            LEFT JOIN users u ON u.id::text = m.sender_id
            WHERE m.conversation_id = :id ORDER BY m.seq""")
        .bind("id", conversationId)
        .map((rs, ctx) -> new Line(rs.getLong("seq"), rs.getTimestamp("created_at").toInstant(),
            rs.getString("sender_role"), rs.getString("author"), rs.getString("body"),
            ContactImportDao.texts(rs.getArray("attachments"))))
        .list()));
  }
}
