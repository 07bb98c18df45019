package io.switchboard.server.store.conversation;

import io.switchboard.server.db.StoreFailures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Records a batch of assignments chosen by the routing script in one statement: each conversation
 * still queued becomes assigned to its agent and gets its {@code assigned} event; the others
 * (closed or assigned meanwhile) are left alone and missing from the answer. One round trip
 * instead of a transaction, a re-read and a contact lookup per conversation.
 *
 * <p>The conversations are locked in the order of their ids before any is changed, the order the
 * message writer locks them in too, so the two cannot deadlock.
 *
 * <p>Stateless and thread-safe.
 */
final class BatchAssignment {
  private static final String SQL = """
      WITH picked AS (
        SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:agents AS uuid[]), CAST(:claims AS text[]))
          AS p(id, agent_id, claim)
      ), locked AS MATERIALIZED (
        SELECT c.id FROM conversations c
        WHERE c.id IN (SELECT id FROM picked) AND c.status = 'queued'
        ORDER BY c.id
        FOR NO KEY UPDATE
      ), assigned AS (
        UPDATE conversations c
        SET status = 'assigned', agent_id = picked.agent_id, assigned_at = now(),
            accepted_at = NULL
        FROM picked JOIN locked ON locked.id = picked.id
        WHERE c.id = picked.id AND c.status = 'queued'
        RETURNING c.*, picked.claim
      ), events AS (
        INSERT INTO conversation_events (conversation_id, kind, actor_id, detail)
        SELECT id, 'assigned', agent_id::text,
               jsonb_strip_nulls(jsonb_build_object('claim', claim)) FROM assigned
      )
      SELECT a.*, ct.name AS contact_name
      FROM (SELECT\s""" + ConversationRows.CONVERSATION_COLUMNS + """
       FROM assigned) a
      LEFT JOIN contacts ct ON ct.id = a.contact_id""";

  private BatchAssignment() {}

  /**
   * Conversation id to agent id; the answer holds those that were still queued. Each
   * {@code assigned} event records the routing claim the assignment came from (see
   * {@link ClaimRecords}), when {@code claimByConversation} names one.
   */
  static List<AssignedConversation> assign(Jdbi jdbi, Map<UUID, UUID> agentByConversation,
      Map<UUID, String> claimByConversation) {
    if (agentByConversation.isEmpty()) {
      return List.of();
    }
    List<String> ids = new ArrayList<>(agentByConversation.size());
    List<String> agents = new ArrayList<>(agentByConversation.size());
    List<String> claims = new ArrayList<>(agentByConversation.size());
    agentByConversation.forEach((conversation, agent) -> {
      ids.add(conversation.toString());
      agents.add(agent.toString());
      claims.add(claimByConversation.get(conversation));
    });
    return StoreFailures.call("assign conversations", () -> jdbi.withHandle(handle -> handle
        .createQuery(SQL)
        .bindArray("ids", String.class, ids)
        .bindArray("agents", String.class, agents)
        .bindArray("claims", String.class, claims)
        .map((rs, ctx) -> new AssignedConversation(ConversationRows.conversation(rs),
            rs.getString("contact_name")))
        .list()));
  }
}
