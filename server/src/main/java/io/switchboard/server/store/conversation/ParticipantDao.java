package io.switchboard.server.store.conversation;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import io.switchboard.server.util.SwitchboardException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * What supervisors do beside a conversation's agent, as PostgreSQL keeps it: who joined a
 * conversation as a participant (barge), who monitored it, the conversation's history with the
 * actors' names, and the live conversations a supervisor may watch.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class ParticipantDao {
  /** One entry of a conversation's history, with the actor's name when the actor is a user. */
  public record HistoryEntry(String kind, String actorId, String actorName, String detailJson,
      Instant at) {}

  /** A conversation being served now, for the wall. */
  public record LiveConversation(UUID id, String queueId, String contactName, UUID agentId,
      String agentName, Instant assignedAt, long lastSeq, List<UUID> participants) {}

  private final Jdbi jdbi;

  public ParticipantDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Adds the user as a participant of the assigned conversation and records it in its history;
   * true when they joined now, false when they were a participant already. CONFLICT when the
   * conversation is closed or waits for an agent.
   */
  public boolean join(UUID conversationId, UUID userId) {
    return StoreFailures.call("join conversation", () -> jdbi.inTransaction(handle -> {
      String status = handle.createQuery(
              "SELECT status FROM conversations WHERE id = :id FOR UPDATE")
          .bind("id", conversationId).mapTo(String.class).findOne()
          .orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_FOUND,
              "no such conversation"));
      if (!status.equals("assigned")) {
        throw new SwitchboardException(status.equals("closed") ? ErrorCode.CONVERSATION_CLOSED
            : ErrorCode.CONFLICT, "only a conversation with an agent can be joined; this one is "
            + status);
      }
      boolean joined = handle.createUpdate("""
              INSERT INTO conversation_participants (conversation_id, user_id)
              VALUES (:conversationId, :userId) ON CONFLICT DO NOTHING""")
          .bind("conversationId", conversationId).bind("userId", userId).execute() == 1;
      if (joined) {
        ConversationEvents.record(handle, conversationId, "joined", userId.toString(), Map.of());
      }
      return joined;
    }));
  }

  public boolean isParticipant(UUID conversationId, UUID userId) {
    return StoreFailures.call("find participant", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT EXISTS (SELECT 1 FROM conversation_participants
                           WHERE conversation_id = :conversationId AND user_id = :userId)""")
        .bind("conversationId", conversationId).bind("userId", userId)
        .mapTo(Boolean.class).one()));
  }

  /** Records in the conversation's history that the user started to monitor it. */
  public void recordMonitoring(UUID conversationId, UUID userId) {
    StoreFailures.run("record monitoring", () -> jdbi.useHandle(handle ->
        ConversationEvents.record(handle, conversationId, "monitored", userId.toString(),
            Map.of())));
  }

  /** The conversation's history, oldest first, with the names of the users who acted. */
  public List<HistoryEntry> history(UUID conversationId) {
    return StoreFailures.call("conversation history", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT e.kind, e.actor_id, u.display_name, e.detail::text AS detail, e.at
            FROM conversation_events e LEFT JOIN users u ON u.id::text = e.actor_id
            WHERE e.conversation_id = :id ORDER BY e.id""")
        .bind("id", conversationId)
        .map((rs, ctx) -> new HistoryEntry(rs.getString("kind"), rs.getString("actor_id"),
            rs.getString("display_name"), rs.getString("detail"), StoreRows.instant(rs, "at")))
        .list()));
  }

  /** The conversations with an agent now, in the given queues, longest served first. */
  public List<LiveConversation> live(Collection<String> queueIds) {
    if (queueIds.isEmpty()) {
      return List.of();
    }
    return StoreFailures.call("live conversations", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT c.id, c.queue_id, k.name AS contact_name, c.agent_id,
                   u.display_name AS agent_name, c.assigned_at, c.last_seq,
                   ARRAY(SELECT p.user_id::text FROM conversation_participants p
                         WHERE p.conversation_id = c.id ORDER BY p.joined_at) AS participants
            FROM conversations c
            JOIN contacts k ON k.id = c.contact_id
            JOIN users u ON u.id = c.agent_id
            WHERE c.status = 'assigned' AND c.queue_id = ANY(:queues)
            ORDER BY c.assigned_at, c.id
            LIMIT 500""")
        .bindArray("queues", String.class, queueIds)
        .map((rs, ctx) -> new LiveConversation(StoreRows.uuid(rs, "id"), rs.getString("queue_id"),
            rs.getString("contact_name"), StoreRows.uuid(rs, "agent_id"),
            rs.getString("agent_name"), StoreRows.instant(rs, "assigned_at"),
            rs.getLong("last_seq"),
            StoreRows.textArray(rs, "participants").stream().map(UUID::fromString).toList()))
        .list()));
  }
}
