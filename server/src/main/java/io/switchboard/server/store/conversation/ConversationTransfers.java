package io.switchboard.server.store.conversation;

import io.switchboard.server.db.StoreFailures;
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
      UUID toAgent, String actorId, String claimId) {
    return StoreFailures.call("transfer to agent", () -> jdbi.inTransaction(handle -> {
      var holder = ConversationTransitions.lock(handle, conversationId, "status = 'assigned'");
      if (holder.isEmpty() || !fromAgent.equals(holder.get().agentId())) {
        return Optional.<Conversation>empty();
      }
      Conversation moved = handle.createQuery("""
              UPDATE conversations
              SET agent_id = :toAgent, assigned_at = now(), accepted_at = NULL
              WHERE id = :id
              RETURNING\s""" + ConversationRows.CONVERSATION_COLUMNS)
          .bind("id", conversationId)
          .bind("toAgent", toAgent)
          .map((rs, ctx) -> ConversationRows.conversation(rs))
          .one();
      Map<String, Object> detail = new HashMap<>();
      detail.put("fromAgent", fromAgent);
      detail.put("toAgent", toAgent);
      detail.put("claim", claimId);
      ConversationEvents.record(handle, conversationId, "transferred", actorId, detail);
      return Optional.of(moved);
    }));
  }

  /**
   * A supervisor hands a waiting conversation straight to an agent: queued to assigned (not yet
   * accepted), recorded as {@code assigned} with the agent as actor and the supervisor as
   * {@code assignedBy}. Empty when it is not queued any more.
   */
  static Optional<Conversation> waitingToAgent(Jdbi jdbi, UUID conversationId, UUID toAgent,
      String supervisorId, String claimId) {
    return StoreFailures.call("assign waiting conversation", () -> jdbi.inTransaction(handle -> {
      Optional<Conversation> moved = handle.createQuery("""
              UPDATE conversations
              SET status = 'assigned', agent_id = :toAgent, assigned_at = now(), accepted_at = NULL
              WHERE id = :id AND status = 'queued'
              RETURNING\s""" + ConversationRows.CONVERSATION_COLUMNS)
          .bind("id", conversationId)
          .bind("toAgent", toAgent)
          .map((rs, ctx) -> ConversationRows.conversation(rs))
          .findOne();
      Map<String, Object> detail = new HashMap<>();
      detail.put("assignedBy", supervisorId);
      moved.ifPresent(conversation -> {
        detail.put("fromQueue", conversation.queueId());
        detail.put("claim", claimId);
        ConversationEvents.record(handle, conversationId, "assigned", toAgent.toString(), detail);
      });
      return moved;
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
              RETURNING\s""" + ConversationRows.CONVERSATION_COLUMNS)
          .bind("id", conversationId)
          .bind("queueId", queueId)
          .map((rs, ctx) -> ConversationRows.conversation(rs))
          .one();
      Map<String, Object> detail = new HashMap<>();
      detail.put("fromAgent", holder.get().agentId());
      detail.put("toQueue", queueId);
      ConversationEvents.record(handle, conversationId, "transferred", actorId, detail);
      return Optional.of(moved);
    }));
  }
}
