package io.switchboard.server.store.conversation;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.db.Jdbc;
import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import io.switchboard.server.store.conversation.ConversationDao.StartResult;
import io.switchboard.server.util.SwitchboardException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The start of a conversation behind {@link ConversationDao#startOrGetOpen}: at most one open
 * conversation per site and contact, even when several nodes start one at once.
 *
 * <p>Stateless and thread-safe.
 */
final class ConversationStart {
  private static final int START_ATTEMPTS = 3;

  private ConversationStart() {}

  static StartResult startOrGetOpen(Jdbi jdbi, String siteId, UUID contactId, String queueId,
      Map<String, String> fields, int priority, String language) {
    String fieldsJson = StoreRows.toJson(fields);
    // The usual case, a visitor without an open conversation, is one statement: the insert and
    // its event together, atomic without a transaction of its own.
    Optional<Conversation> created = StoreFailures.call("start conversation", () ->
        jdbi.withHandle(handle -> insertQueued(handle, siteId, contactId, queueId, fieldsJson,
            priority, language)));
    if (created.isPresent()) {
      return new StartResult(created.get(), true);
    }
    return StoreFailures.call("start conversation", () -> jdbi.inTransaction(handle -> {
      for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
        Optional<Conversation> open = ConversationDao.openForContact(handle, siteId, contactId);
        if (open.isPresent()) {
          return new StartResult(open.get(), false);
        }
        if (!queueAndContactBelongTo(handle, siteId, queueId, contactId)) {
          throw new SwitchboardException(ErrorCode.NOT_FOUND, "no such queue or contact");
        }
        // The open conversation was closed between the insert and the select: try again.
        Optional<Conversation> inserted = insertQueued(handle, siteId, contactId, queueId,
            fieldsJson, priority, language);
        if (inserted.isPresent()) {
          return new StartResult(inserted.get(), true);
        }
      }
      throw new SwitchboardException(ErrorCode.UNAVAILABLE, "conversation start kept racing");
    }));
  }

  /**
   * Inserts the queued conversation with its {@code queued} event, in one statement; empty when
   * the contact has an open conversation already, or the queue or contact is not the site's.
   */
  private static Optional<Conversation> insertQueued(Handle handle, String siteId,
      UUID contactId, String queueId, String fieldsJson, int priority, String language)
      throws SQLException {
    return Jdbc.first(handle, """
            WITH inserted AS (
              INSERT INTO conversations
                (id, site_id, contact_id, queue_id, status, fields, priority, language)
              SELECT ?, q.site_id, c.id, q.id, 'queued', CAST(? AS jsonb), ?, ?
              FROM queues q JOIN contacts c ON c.site_id = q.site_id
              WHERE q.id = ? AND q.site_id = ? AND c.id = ?
              ON CONFLICT (site_id, contact_id) WHERE status <> 'closed' DO NOTHING
              RETURNING\s""" + ConversationRows.CONVERSATION_COLUMNS + """
            ), queued AS (
              INSERT INTO conversation_events (conversation_id, kind, actor_id, detail)
              SELECT id, 'queued', ?, CAST(? AS jsonb) FROM inserted
            )
            SELECT * FROM inserted""", ConversationRows::conversation,
        UUID.randomUUID(), fieldsJson, priority, language, queueId, siteId, contactId,
        contactId.toString(), StoreRows.toJson(Map.of("queueId", queueId)));
  }

  private static boolean queueAndContactBelongTo(
      Handle handle, String siteId, String queueId, UUID contactId) {
    return handle.createQuery("""
            SELECT EXISTS (SELECT 1 FROM queues WHERE id = :queueId AND site_id = :siteId)
               AND EXISTS (SELECT 1 FROM contacts WHERE id = :contactId AND site_id = :siteId)""")
        .bind("siteId", siteId)
        .bind("queueId", queueId)
        .bind("contactId", contactId)
        .mapTo(Boolean.class)
        .one();
  }
}
