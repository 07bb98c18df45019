package io.switchboard.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
            SELECT conversation_id, seq, client_msg_id, sender_role, sender_id, body, created_at
            FROM messages WHERE conversation_id = :id AND seq > :afterSeq
            ORDER BY seq LIMIT :limit""")
        .bind("id", conversationId)
        .bind("afterSeq", afterSeq)
        .bind("limit", limit)
        .map((rs, ctx) -> StoreRows.message(rs))
        .list()));
  }

  /**
   * The conversation and up to {@code limit} of its messages after {@code afterSeq}, in one
   * round trip: a reconnect storm resumes thousands of conversations at once, and reading the
   * conversation and its messages separately doubled the statements. Empty for an unknown id.
   */
  public Optional<ResumePage> resumePage(UUID conversationId, long afterSeq, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    return StoreFailures.call("read conversation and messages", () -> jdbi.withHandle(handle -> {
      List<Conversation> conversation = new ArrayList<>(1);
      List<StoredMessage> page = new ArrayList<>();
      handle.createQuery("SELECT c.*, m.seq AS m_seq, m.client_msg_id AS m_client_msg_id,"
              + " m.sender_role AS m_sender_role, m.sender_id AS m_sender_id, m.body AS m_body,"
              + " m.created_at AS m_created_at"
              + " FROM (SELECT " + StoreRows.CONVERSATION_COLUMNS
              + " FROM conversations WHERE id = :id) c"
              + " LEFT JOIN LATERAL (SELECT seq, client_msg_id, sender_role, sender_id, body,"
              + " created_at FROM messages WHERE conversation_id = c.id AND seq > :afterSeq"
              + " ORDER BY seq LIMIT :limit) m ON true ORDER BY m.seq")
          .bind("id", conversationId)
          .bind("afterSeq", afterSeq)
          .bind("limit", limit)
          .map((rs, ctx) -> {
            if (conversation.isEmpty()) {
              conversation.add(StoreRows.conversation(rs));
            }
            long seq = rs.getLong("m_seq");
            if (!rs.wasNull()) {
              page.add(new StoredMessage(conversationId, seq, rs.getString("m_client_msg_id"),
                  rs.getString("m_sender_role"), rs.getString("m_sender_id"),
                  rs.getString("m_body"), StoreRows.instant(rs, "m_created_at")));
            }
            return seq;
          })
          .list();
      return conversation.isEmpty() ? Optional.<ResumePage>empty()
          : Optional.of(new ResumePage(conversation.get(0), page));
    }));
  }

  /** How many messages the conversation has. */
  public long count(UUID conversationId) {
    return StoreFailures.call("count messages", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT count(*) FROM messages WHERE conversation_id = :id")
        .bind("id", conversationId)
        .mapTo(Long.class)
        .one()));
  }
}
