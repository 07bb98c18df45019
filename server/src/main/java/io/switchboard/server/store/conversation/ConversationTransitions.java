package io.switchboard.server.store.conversation;

import io.switchboard.server.db.Jdbc;
import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The state transitions behind {@link ConversationDao}: assign, accept, close and requeue. Each
 * runs in one transaction that checks the current state in its {@code WHERE} clause (or under a row
 * lock) and records the matching event.
 *
 * <p>Stateless and thread-safe.
 */
final class ConversationTransitions {
  private ConversationTransitions() {}

  static boolean assign(Jdbi jdbi, UUID conversationId, UUID agentId) {
    return StoreFailures.call("assign conversation", () -> jdbi.inTransaction(handle -> {
      int updated = handle.createUpdate("""
              UPDATE conversations
              SET status = 'assigned', agent_id = :agentId, assigned_at = now(),
                  accepted_at = NULL
              WHERE id = :id AND status = 'queued'""")
          .bind("id", conversationId)
          .bind("agentId", agentId)
          .execute();
      if (updated == 0) {
        return false;
      }
      ConversationEvents.record(handle, conversationId, "assigned", agentId.toString(), Map.of());
      return true;
    }));
  }

  static boolean accept(Jdbi jdbi, UUID conversationId, UUID agentId) {
    return StoreFailures.call("accept conversation", () -> jdbi.inTransaction(handle -> {
      int updated = handle.createUpdate("""
              UPDATE conversations SET accepted_at = now()
              WHERE id = :id AND status = 'assigned' AND agent_id = :agentId
                AND accepted_at IS NULL""")
          .bind("id", conversationId)
          .bind("agentId", agentId)
          .execute();
      if (updated > 0) {
        ConversationEvents.record(handle, conversationId, "accepted", agentId.toString(), Map.of());
        return true;
      }
      return handle.createQuery("""
              SELECT EXISTS (SELECT 1 FROM conversations
                             WHERE id = :id AND status = 'assigned' AND agent_id = :agentId)""")
          .bind("id", conversationId)
          .bind("agentId", agentId)
          .mapTo(Boolean.class)
          .one();
    }));
  }

  /**
   * Closes in one statement: locks the open row (reading who held it), updates it and records the
   * {@code closed} event. Closing runs once per conversation, and as a transaction of four
   * statements it was the costliest step of the routing benchmark.
   */
  static Optional<ConversationDao.Closed> close(Jdbi jdbi, UUID conversationId, String closedBy,
      String disposition, List<String> tags) {
    Map<String, Object> detail = closeDetail(disposition, tags);
    return StoreFailures.call("close conversation", () -> jdbi.withHandle(handle -> Jdbc.first(
        handle, """
            WITH held AS (
              SELECT id AS before_id, status AS before_status, agent_id AS before_agent
              FROM conversations WHERE id = ? AND status <> 'closed' FOR NO KEY UPDATE
            ), closed AS (
              UPDATE conversations
              SET status = 'closed', closed_at = now(), closed_by = ?, disposition = ?, tags = ?
              FROM held WHERE id = before_id
              RETURNING before_status, before_agent,\s""" + ConversationRows.CONVERSATION_COLUMNS + """
            ), event AS (
              INSERT INTO conversation_events (conversation_id, kind, actor_id, detail)
              SELECT id, 'closed', ?, CAST(? AS jsonb)
                     || jsonb_strip_nulls(jsonb_build_object('agentId', before_agent::text))
              FROM closed
            )
            SELECT * FROM closed""",
        rs -> new ConversationDao.Closed(ConversationRows.conversation(rs),
            ConversationStatus.fromWire(rs.getString("before_status")),
            StoreRows.uuid(rs, "before_agent")),
        conversationId, closedBy, disposition, tags.toArray(String[]::new), closedBy,
        StoreRows.toJson(detail))));
  }

  /** The {@code closed} event's detail: the disposition (when given) and the tags. */
  static Map<String, Object> closeDetail(String disposition, List<String> tags) {
    Map<String, Object> detail = new LinkedHashMap<>();
    if (disposition != null) {
      detail.put("disposition", disposition);
    }
    detail.put("tags", tags.toString());
    return detail;
  }

  static boolean requeue(Jdbi jdbi, UUID conversationId, String reason) {
    return requeueFrom(jdbi, conversationId, null, reason);
  }

  /** Requeues when assigned (to {@code agentId}, unless it is null). */
  static boolean requeueFrom(Jdbi jdbi, UUID conversationId, UUID agentId, String reason) {
    return StoreFailures.call("requeue conversation", () -> jdbi.inTransaction(handle -> {
      Optional<Holder> holder = lock(handle, conversationId, "status = 'assigned'");
      if (holder.isEmpty() || (agentId != null && !agentId.equals(holder.get().agentId()))) {
        return false;
      }
      handle.createUpdate("""
              UPDATE conversations
              SET status = 'queued', agent_id = NULL, assigned_at = NULL, accepted_at = NULL
              WHERE id = :id""")
          .bind("id", conversationId)
          .execute();
      Map<String, Object> detail = new HashMap<>();
      detail.put("reason", reason);
      detail.put("agentId", holder.get().agentId());
      ConversationEvents.record(handle, conversationId, "requeued", null, detail);
      return true;
    }));
  }

  /** The agent holding a locked conversation; null when it is queued. */
  record Holder(UUID agentId) {}

  /**
   * Locks the conversation when it matches {@code condition}; empty when it does not match or does
   * not exist.
   */
  static Optional<Holder> lock(Handle handle, UUID conversationId, String condition) {
    return handle.createQuery("SELECT agent_id FROM conversations WHERE id = :id AND "
            + condition + " FOR NO KEY UPDATE")
        .bind("id", conversationId)
        .map((rs, ctx) -> new Holder(StoreRows.uuid(rs, "agent_id")))
        .findOne();
  }

  /** Sets an open conversation's priority with its event; empty when closed or unknown. */
  static Optional<Conversation> setPriority(Jdbi jdbi, UUID conversationId, int priority,
      String actorId) {
    return StoreFailures.call("set priority", () -> jdbi.inTransaction(handle -> {
      Optional<Conversation> updated = handle.createQuery("UPDATE conversations SET priority = :priority"
              + " WHERE id = :id AND status <> 'closed' RETURNING " + ConversationRows.CONVERSATION_COLUMNS)
          .bind("id", conversationId).bind("priority", priority)
          .map((rs, ctx) -> ConversationRows.conversation(rs)).findOne();
      updated.ifPresent(c -> ConversationEvents.record(handle, conversationId, "prioritized", actorId,
          Map.of("priority", priority)));
      return updated;
    }));
  }
}
