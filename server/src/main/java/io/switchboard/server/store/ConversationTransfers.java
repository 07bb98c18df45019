package io.switchboard.server.store;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Transfer transitions, each one transaction under the conversation's row lock, recorded in the
 * event history.
 *
 * <p>Stateless and thread-safe.
 */
final class ConversationTransfers {
  private ConversationTransfers() {}

  static Optional<Conversation> toAgent(Jdbi jdbi, UUID conversationId, UUID fromAgent,
      UUID toAgent, String actorId) {
    return StoreFailures.call("transfer to agent", () -> jdbi.inTransaction(handle -> {
      var holder = ConversationTransitions.lock(handle, conversationId, "status = 'assigned'");
      if (holder.isEmpty() || !fromAgent.equals(holder.get().agentId())) {
        return Optional.<Conversation>empty();
      }
      Conversation moved = handle.createQuery("""
              UPDATE conversations
              SET agent_id = :toAgent, assigned_at = now(), accepted_at = NULL
              WHERE id = :id
              RETURNING\s""" + StoreRows.CONVERSATION_COLUMNS)
          .bind("id", conversationId)
          .bind("toAgent", toAgent)
          .map((rs, ctx) -> StoreRows.conversation(rs))
          .one();
      Map<String, Object> detail = new HashMap<>();
      detail.put("fromAgent", fromAgent);
      detail.put("toAgent", toAgent);
      ConversationEvents.record(handle, conversationId, "transferred", actorId, detail);
      return Optional.of(moved);
    }));
  }

  static Optional<Conversation> toQueue(Jdbi jdbi, UUID conversationId, String queueId,
      String actorId) {
    return StoreFailures.call("transfer to queue", () -> jdbi.inTransaction(handle -> {
      var holder = ConversationTransitions.lock(handle, conversationId, "status <> 'closed'");
      if (holder.isEmpty()) {
        return Optional.<Conversation>empty();
      }
      Conversation moved = handle.createQuery("""
              UPDATE conversations
              SET status = 'queued', queue_id = :queueId, agent_id = NULL, assigned_at = NULL,
                  accepted_at = NULL
              WHERE id = :id
              RETURNING\s""" + StoreRows.CONVERSATION_COLUMNS)
          .bind("id", conversationId)
          .bind("queueId", queueId)
          .map((rs, ctx) -> StoreRows.conversation(rs))
          .one();
      Map<String, Object> detail = new HashMap<>();
      detail.put("fromAgent", holder.get().agentId());
      detail.put("toQueue", queueId);
      ConversationEvents.record(handle, conversationId, "transferred", actorId, detail);
      return Optional.of(moved);
    }));
  }
}
