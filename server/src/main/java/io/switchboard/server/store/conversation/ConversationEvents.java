package io.switchboard.server.store.conversation;

import io.switchboard.server.db.StoreRows;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Writes and reads the {@code conversation_events} history, inside the caller's transaction.
 *
 * <p>Stateless and thread-safe; the handle passed in belongs to one thread.
 */
final class ConversationEvents {
  private ConversationEvents() {}

  /**
   * Appends an event. Entries of {@code detail} whose value is null are left out.
   */
  static void record(
      Handle handle, UUID conversationId, String kind, String actorId, Map<String, ?> detail) {
    Map<String, Object> present = new LinkedHashMap<>();
    detail.forEach((key, value) -> {
      if (value != null) {
        present.put(key, value.toString());
      }
    });
    handle.createUpdate("""
            INSERT INTO conversation_events (conversation_id, kind, actor_id, detail)
            VALUES (:conversationId, :kind, :actorId, CAST(:detail AS jsonb))""")
        .bind("conversationId", conversationId)
        .bind("kind", kind)
        .bind("actorId", actorId)
        .bind("detail", StoreRows.toJson(present))
        .execute();
  }

  static List<ConversationEvent> list(Handle handle, UUID conversationId) {
    return handle.createQuery("""
            SELECT id, conversation_id, kind, actor_id, detail::text AS detail, at
            FROM conversation_events WHERE conversation_id = :conversationId ORDER BY id""")
        .bind("conversationId", conversationId)
        .map((rs, ctx) -> new ConversationEvent(
            rs.getLong("id"),
            StoreRows.uuid(rs, "conversation_id"),
            rs.getString("kind"),
            rs.getString("actor_id"),
            rs.getString("detail"),
            StoreRows.instant(rs, "at")))
        .list();
  }
}
