package io.switchboard.server.store.message;

import io.switchboard.server.db.Jdbc;
import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import io.switchboard.server.store.attachment.AttachmentRows;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ConversationRows;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The reads every connection makes, for many connections in one statement each: the open
 * conversation for a visitor's welcome, the conversation and first page for a resume, and the
 * messages after a cursor for a follow or backfill. {@link BatchedReads} feeds them. They are
 * plain JDBC on a Jdbi handle's connection, because Jdbi's per-statement set-up (configuration
 * copy, argument lookup) cost more than these queries.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class BulkReadDao {
  /** A conversation and the seq after which its messages are wanted. */
  public record Since(UUID conversationId, long afterSeq) {}

  /** A site's contact, to look up its open conversation. */
  public record ContactRef(String siteId, UUID contactId) {}

  private final Jdbi jdbi;

  public BulkReadDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * {@link MessageDao#after} for many conversations in one statement: up to {@code limit} messages
   * of each, in seq order. Every position gets an entry, empty when nothing follows it.
   */
  public Map<Since, List<StoredMessage>> afterEach(List<Since> positions, int limit) {
    requireLimit(limit);
    Map<Since, List<StoredMessage>> pages = new HashMap<>();
    positions.forEach(p -> pages.put(p, new ArrayList<>()));
    if (positions.isEmpty()) {
      return pages;
    }
    StoreFailures.call("read messages", () -> jdbi.withHandle(handle -> {
      Jdbc.forEach(handle, """
          SELECT r.id AS conversation_id, r.after_seq, m.seq, m.client_msg_id, m.sender_role,
                 m.sender_id, m.body, m.created_at, m.attachments
          FROM unnest(?::uuid[], ?::bigint[]) AS r(id, after_seq)
          CROSS JOIN LATERAL (SELECT seq, client_msg_id, sender_role, sender_id, body, created_at,
                                     attachments
                              FROM messages WHERE conversation_id = r.id AND seq > r.after_seq
                              ORDER BY seq LIMIT ?) m
          ORDER BY r.id, r.after_seq, m.seq""",
          rs -> pages.get(new Since(StoreRows.uuid(rs, "conversation_id"),
              rs.getLong("after_seq"))).add(MessageRows.message(rs)),
          ids(positions), afterSeqs(positions), limit);
      return null;
    }));
    return pages;
  }

  /**
   * For each position, the conversation as it is now and up to {@code limit} of its messages after
   * the seq, in one statement for all of them: what a {@code resume} needs. Unknown conversations
   * have no entry.
   */
  public Map<Since, ResumePage> resumePages(List<Since> positions, int limit) {
    requireLimit(limit);
    Map<Since, Conversation> found = new HashMap<>();
    Map<Since, List<StoredMessage>> pages = new HashMap<>();
    if (!positions.isEmpty()) {
      StoreFailures.call("read conversations and messages", () -> jdbi.withHandle(handle -> {
        Jdbc.forEach(handle, "SELECT c.*, r.after_seq AS r_after_seq, m.seq AS m_seq,"
            + " m.client_msg_id AS m_client_msg_id, m.sender_role AS m_sender_role,"
            + " m.sender_id AS m_sender_id, m.body AS m_body, m.created_at AS m_created_at,"
            + " m.attachments AS m_attachments"
            + " FROM unnest(?::uuid[], ?::bigint[]) AS r(id, after_seq)"
            + " CROSS JOIN LATERAL (SELECT " + ConversationRows.CONVERSATION_COLUMNS
            + " FROM conversations WHERE id = r.id) c"
            + " LEFT JOIN LATERAL (SELECT seq, client_msg_id, sender_role, sender_id, body,"
            + " created_at, attachments FROM messages"
            + " WHERE conversation_id = r.id AND seq > r.after_seq"
            + " ORDER BY seq LIMIT ?) m ON true ORDER BY c.id, r.after_seq, m.seq", rs -> {
              UUID id = StoreRows.uuid(rs, "id");
              Since position = new Since(id, rs.getLong("r_after_seq"));
              if (!found.containsKey(position)) {
                found.put(position, ConversationRows.conversation(rs));
                pages.put(position, new ArrayList<>());
              }
              long seq = rs.getLong("m_seq");
              if (!rs.wasNull()) {
                pages.get(position).add(new StoredMessage(id, seq,
                    rs.getString("m_client_msg_id"), rs.getString("m_sender_role"),
                    rs.getString("m_sender_id"), rs.getString("m_body"),
                    StoreRows.instant(rs, "m_created_at"),
                    AttachmentRows.fromJson(rs.getString("m_attachments"))));
              }
            }, ids(positions), afterSeqs(positions), limit);
        return null;
      }));
    }
    Map<Since, ResumePage> out = new HashMap<>();
    found.forEach((position, conversation) ->
        out.put(position, new ResumePage(conversation, pages.get(position))));
    return out;
  }

  private static UUID[] ids(List<Since> positions) {
    return positions.stream().map(Since::conversationId).toArray(UUID[]::new);
  }

  private static Long[] afterSeqs(List<Since> positions) {
    return positions.stream().map(Since::afterSeq).toArray(Long[]::new);
  }

  private static void requireLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
  }

  /**
   * {@link ConversationDao#openForContact} for many contacts in one statement: every visitor's
   * connection reads it for its welcome, thousands at once after a restart or a network blip.
   * Contacts without an open conversation have no entry.
   */
  public Map<ContactRef, Conversation> openForContacts(List<ContactRef> contacts) {
    Map<ContactRef, Conversation> open = new HashMap<>();
    if (contacts.isEmpty()) {
      return open;
    }
    Set<ContactRef> wanted = new HashSet<>(contacts);
    StoreFailures.call("find open conversations", () -> jdbi.withHandle(handle -> {
      Jdbc.forEach(handle, "SELECT " + ConversationRows.CONVERSATION_COLUMNS
          + " FROM conversations WHERE contact_id = ANY(?::uuid[]) AND status <> 'closed'", rs -> {
            Conversation conversation = ConversationRows.conversation(rs);
            ContactRef ref = new ContactRef(conversation.siteId(), conversation.contactId());
            if (wanted.contains(ref)) {
              open.put(ref, conversation);
            }
          }, (Object) contacts.stream().map(ContactRef::contactId).distinct().toArray(UUID[]::new));
      return null;
    }));
    return open;
  }
}
