package io.switchboard.server.store.message;

import io.switchboard.server.db.StoreFailures;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads stored chat messages, for resuming after {@code lastSeq} and filling gaps. Messages are
 * written only by {@link GroupCommitMessageWriter}.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class MessageDao {
  private final Jdbi jdbi;

  public MessageDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Up to {@code limit} messages with a seq greater than {@code afterSeq}, in seq order. */
  public List<StoredMessage> after(UUID conversationId, long afterSeq, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    return StoreFailures.call("read messages", () -> jdbi.withHandle(handle -> handle.createQuery("""
            SELECT conversation_id, seq, client_msg_id, sender_role, sender_id, body, created_at,
                   attachments
            FROM messages WHERE conversation_id = :id AND seq > :afterSeq
            ORDER BY seq LIMIT :limit""")
        .bind("id", conversationId)
        .bind("afterSeq", afterSeq)
        .bind("limit", limit)
        .map((rs, ctx) -> MessageRows.message(rs))
        .list()));
  }

  /** How many messages the conversation has. */
  public long count(UUID conversationId) {
    return StoreFailures.call("count messages", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT count(*) FROM messages WHERE conversation_id = :id")
        .bind("id", conversationId)
        .mapTo(Long.class)
        .one()));
  }

  /** Who wrote each message (its sender role) and when, in seq order: what chat SLA clocks read. */
  public List<java.util.Map.Entry<String, java.time.Instant>> timeline(UUID conversationId) {
    return StoreFailures.call("read message times", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT sender_role, created_at FROM messages WHERE conversation_id = :id"
            + " ORDER BY seq")
        .bind("id", conversationId)
        .map((rs, ctx) -> java.util.Map.entry(rs.getString("sender_role"),
            io.switchboard.server.db.StoreRows.instant(rs, "created_at")))
        .list()));
  }
}
