package io.switchboard.server.store.conversation;

import io.switchboard.server.db.Jdbc;
import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import io.switchboard.server.util.SwitchboardException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Conversations and their state transitions. Every transition is one conditional {@code UPDATE},
 * so it is decided by PostgreSQL even when several nodes try it at once, and it records its
 * {@link ConversationEvent} in the same transaction.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class ConversationDao {
  private static final String COLUMNS = ConversationRows.CONVERSATION_COLUMNS;

  private final Jdbi jdbi;

  public ConversationDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * The outcome of {@link #startOrGetOpen}.
   *
   * @param created true when this call created the conversation, false when it was already open
   *
   * <p>Immutable and thread-safe.
   */
  public record StartResult(Conversation conversation, boolean created) {}

  /**
   * Starts a queued conversation for the contact, or returns the one already open: there is at most
   * one open conversation per site and contact, even when several nodes start one at once.
   *
   * @throws SwitchboardException {@code NOT_FOUND} when the queue or the contact does not belong to
   *     the site
   */
  public StartResult startOrGetOpen(
      String siteId, UUID contactId, String queueId, Map<String, String> fields, int priority) {
    return startOrGetOpen(siteId, contactId, queueId, fields, priority, null);
  }

  /**
   * As {@link #startOrGetOpen(String, UUID, String, Map, int)}, for a visitor who named their
   * language (a language tag, or null).
   */
  public StartResult startOrGetOpen(String siteId, UUID contactId, String queueId,
      Map<String, String> fields, int priority, String language) {
    return ConversationStart.startOrGetOpen(jdbi, siteId, contactId, queueId, fields, priority,
        language);
  }

  /**
   * Starts many conversations in one statement ({@link BatchStart}). The answer holds those
   * started; one left out (its contact has an open conversation, or the queue or contact is not
   * the site's) takes {@link #startOrGetOpen} to get the open one or the reason.
   */
  public Map<NewConversation, Conversation> startAll(List<NewConversation> requests) {
    return BatchStart.start(jdbi, requests);
  }

  public Optional<Conversation> find(UUID id) {
    return StoreFailures.call("find conversation", () -> jdbi.withHandle(handle -> Jdbc.first(
        handle, "SELECT " + COLUMNS + " FROM conversations WHERE id = ?",
        ConversationRows::conversation, id)));
  }


  /** The contact's conversation on the site that is not closed, if any. */
  public Optional<Conversation> openForContact(String siteId, UUID contactId) {
    return StoreFailures.call("find open conversation",
        () -> jdbi.withHandle(handle -> openForContact(handle, siteId, contactId)));
  }

  static Optional<Conversation> openForContact(
      Handle handle, String siteId, UUID contactId) {
    return handle.createQuery("SELECT " + COLUMNS + """
             FROM conversations
            WHERE site_id = :siteId AND contact_id = :contactId AND status <> 'closed'""")
        .bind("siteId", siteId)
        .bind("contactId", contactId)
        .map((rs, ctx) -> ConversationRows.conversation(rs))
        .findOne();
  }

  /** The conversations assigned to the agent, oldest assignment first. */
  public List<Conversation> openForAgent(UUID agentId) {
    return StoreFailures.call("list agent conversations", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + """
             FROM conversations WHERE agent_id = :agentId AND status = 'assigned'
            ORDER BY assigned_at, id""")
        .bind("agentId", agentId)
        .map((rs, ctx) -> ConversationRows.conversation(rs))
        .list()));
  }

  /**
   * Every queued conversation, for rebuilding Redis: queue by queue, highest queue priority first,
   * and within a queue in the order they should be served.
   */
  public List<Conversation> queued() {
    return StoreFailures.call("list queued conversations", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + """
             FROM conversations WHERE status = 'queued'
            ORDER BY (SELECT q.priority FROM queues q WHERE q.id = conversations.queue_id) DESC,
                     queue_id, priority DESC, enqueued_at, id""")
        .map((rs, ctx) -> ConversationRows.conversation(rs))
        .list()));
  }

  /**
   * As {@link #queued}, with only the columns routing needs: the reconciler reads every waiting
   * conversation every few seconds, and with thousands waiting the whole rows cost too much.
   */
  public List<QueuedEntry> queuedEntries() {
    return StoreFailures.call("list queued conversations", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT id, queue_id, priority, enqueued_at, language
             FROM conversations WHERE status = 'queued'
            ORDER BY (SELECT q.priority FROM queues q WHERE q.id = conversations.queue_id) DESC,
                     queue_id, priority DESC, enqueued_at, id""")
        .map((rs, ctx) -> new QueuedEntry(rs.getString("queue_id"), StoreRows.uuid(rs, "id"),
            rs.getInt("priority"), StoreRows.instant(rs, "enqueued_at"), rs.getString("language")))
        .list()));
  }

  /**
   * How many conversations wait in each queue that has any, highest queue priority first: a cheap
   * check of Redis's waiting lists that reads no conversation rows.
   */
  public Map<String, Long> queuedCounts() {
    return StoreFailures.call("count queued conversations", () -> jdbi.withHandle(handle -> {
      Map<String, Long> counts = new LinkedHashMap<>();
      handle.createQuery("""
              SELECT c.queue_id, count(*) AS waiting
              FROM conversations c JOIN queues q ON q.id = c.queue_id
              WHERE c.status = 'queued'
              GROUP BY c.queue_id, q.priority ORDER BY q.priority DESC, c.queue_id""")
          .map((rs, ctx) -> Map.entry(rs.getString("queue_id"), rs.getLong("waiting")))
          .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
      return counts;
    }));
  }

  /** Those of the given conversations that are queued right now. */
  public Set<UUID> stillQueued(Collection<UUID> ids) {
    return StoreFailures.call("still queued", () -> jdbi.withHandle(handle -> new HashSet<>(handle
        .createQuery("SELECT id FROM conversations WHERE id = ANY (CAST(:ids AS uuid[]))"
            + " AND status = 'queued'")
        .bindArray("ids", String.class, ids.stream().map(UUID::toString).toList())
        .mapTo(UUID.class)
        .list())));
  }

  /** For every agent holding conversations, how many are assigned to them. */
  public Map<UUID, Integer> assignedCounts() {
    return StoreFailures.call("count assignments", () -> jdbi.withHandle(handle -> {
      Map<UUID, Integer> counts = new HashMap<>();
      handle.createQuery("""
              SELECT agent_id, count(*) AS open FROM conversations
              WHERE status = 'assigned' GROUP BY agent_id""")
          .map((rs, ctx) -> Map.entry(StoreRows.uuid(rs, "agent_id"), rs.getInt("open")))
          .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
      return Map.copyOf(counts);
    }));
  }

  /**
   * Queued to assigned, for each conversation (key) to its agent (value), in one statement. The
   * answer holds the conversations that were still queued, as they are now.
   */
  public List<AssignedConversation> assignAll(Map<UUID, UUID> agentByConversation) {
    return assignAll(agentByConversation, Map.of());
  }

  /** As {@link #assignAll(Map)}, recording the routing claim of each assignment in its event. */
  public List<AssignedConversation> assignAll(Map<UUID, UUID> agentByConversation,
      Map<UUID, String> claimByConversation) {
    return BatchAssignment.assign(jdbi, agentByConversation, claimByConversation);
  }

  /** Queued to assigned to {@code agentId}; false when it is no longer queued. */
  public boolean assign(UUID conversationId, UUID agentId) {
    return ConversationTransitions.assign(jdbi, conversationId, agentId);
  }

  /**
   * Marks the assignment as accepted by its agent. True when the conversation is assigned to
   * {@code agentId} (also when it was accepted before); false otherwise.
   */
  public boolean accept(UUID conversationId, UUID agentId) {
    return ConversationTransitions.accept(jdbi, conversationId, agentId);
  }

  /**
   * Closes an open conversation and returns it as closed; empty when it was already closed (or does
   * not exist), so only one closer wins. The closed row keeps the agent who held it last.
   */
  public Optional<Conversation> close(UUID conversationId, String closedBy, String disposition) {
    return close(conversationId, closedBy, disposition, List.of());
  }

  /** Closes with tags; see {@link #close(UUID, String, String)}. */
  public Optional<Conversation> close(UUID conversationId, String closedBy, String disposition,
      List<String> tags) {
    return closeFrom(conversationId, closedBy, disposition, tags).map(Closed::conversation);
  }

  /**
   * A conversation just closed, with its status and agent just before (read under the row lock,
   * so a routing decision made meanwhile is seen).
   */
  public record Closed(Conversation conversation, ConversationStatus before, UUID previousAgent) {}

  /** Closes as {@link #close(UUID, String, String, List)} and tells what the conversation was. */
  public Optional<Closed> closeFrom(UUID conversationId, String closedBy, String disposition,
      List<String> tags) {
    return ConversationTransitions.close(jdbi, conversationId, closedBy, disposition, tags);
  }

  /**
   * Closes many conversations in one statement ({@link BatchClose}). The answer holds those it
   * closed; one left out (closed already, or named twice) takes {@link #closeFrom} to find out.
   */
  public Map<CloseRequest, Closed> closeAll(List<CloseRequest> requests) {
    return BatchClose.close(jdbi, requests);
  }

  /** The tags chosen when the conversation was closed. */
  public List<String> tags(UUID conversationId) {
    return StoreFailures.call("conversation tags", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT unnest(tags) FROM conversations WHERE id = :id")
        .bind("id", conversationId)
        .mapTo(String.class)
        .list()));
  }

  /**
   * Whether the agent holds or held one of the contact's conversations: they serve the contact
   * now, or served them before.
   */
  public boolean servedBy(UUID contactId, UUID agentId) {
    return StoreFailures.call("served contact", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT EXISTS (SELECT 1 FROM conversations"
            + " WHERE contact_id = :contactId AND agent_id = :agentId)")
        .bind("contactId", contactId)
        .bind("agentId", agentId)
        .mapTo(Boolean.class)
        .one()));
  }

  /** Whether any of the contact's conversations was in one of the queues. */
  public boolean contactSeenInQueues(UUID contactId, java.util.Collection<String> queueIds) {
    if (queueIds.isEmpty()) {
      return false;
    }
    return StoreFailures.call("contact in queues", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT EXISTS (SELECT 1 FROM conversations"
            + " WHERE contact_id = :contactId AND queue_id = ANY(:queues))")
        .bind("contactId", contactId)
        .bind("queues", queueIds.toArray(String[]::new))
        .mapTo(Boolean.class)
        .one()));
  }

  /** A contact's conversations, newest first. */
  public List<Conversation> forContact(UUID contactId, int limit) {
    return StoreFailures.call("conversations of contact", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + ConversationRows.CONVERSATION_COLUMNS
            + " FROM conversations WHERE contact_id = :contactId ORDER BY created_at DESC LIMIT :limit")
        .bind("contactId", contactId)
        .bind("limit", limit)
        .map((rs, ctx) -> ConversationRows.conversation(rs))
        .list()));
  }

  /**
   * Moves an assigned conversation to another agent (assigned stays assigned, not yet accepted).
   * Empty when it is not assigned to {@code fromAgent} any more.
   */
  public Optional<Conversation> transferToAgent(UUID conversationId, UUID fromAgent, UUID toAgent,
      String actorId, String claimId) {
    return ConversationTransfers.toAgent(jdbi, conversationId, fromAgent, toAgent, actorId, claimId);
  }

  /**
   * A supervisor assigns a waiting conversation straight to an agent (not yet accepted); empty
   * when it is not queued any more.
   */
  public Optional<Conversation> assignWaiting(UUID conversationId, UUID toAgent,
      String supervisorId, String claimId) {
    return ConversationTransfers.waitingToAgent(jdbi, conversationId, toAgent, supervisorId,
        claimId);
  }

  /**
   * Puts an open conversation back in a (possibly other) queue, keeping its original enqueue time
   * so it is served early. Empty when it is closed.
   */
  public Optional<Conversation> transferToQueue(UUID conversationId, String queueId, String actorId) {
    return ConversationTransfers.toQueue(jdbi, conversationId, queueId, actorId);
  }

  /**
   * Assigned back to queued, without an agent, keeping its original place in the queue. False
   * when it was not assigned.
   */
  public boolean requeue(UUID conversationId, String reason) {
    return ConversationTransitions.requeue(jdbi, conversationId, reason);
  }

  /**
   * Assigned to {@code agentId} back to queued (the agent was lost), keeping the original place
   * in the queue. False when it is not assigned to that agent any more, so of several nodes
   * trying at once exactly one succeeds.
   */
  public boolean requeueFrom(UUID conversationId, UUID agentId, String reason) {
    return ConversationTransitions.requeueFrom(jdbi, conversationId, agentId, reason);
  }

  /** An assignment that was not accepted within its queue's accept timeout. */
  public record StaleOffer(UUID conversationId, UUID agentId, String queueId) {}

  /** Every assignment older than its queue's accept timeout and not yet accepted. */
  public List<StaleOffer> staleOffers() {
    return StoreFailures.call("stale offers", () -> jdbi.withHandle(handle -> handle.createQuery("""
            SELECT c.id, c.agent_id, c.queue_id FROM conversations c JOIN queues q ON q.id = c.queue_id
            WHERE c.status = 'assigned' AND c.accepted_at IS NULL
              AND c.assigned_at < now() - make_interval(secs => q.accept_timeout_seconds)""")
        .map((rs, ctx) -> new StaleOffer(StoreRows.uuid(rs, "id"), StoreRows.uuid(rs, "agent_id"),
            rs.getString("queue_id")))
        .list()));
  }

  /** Average handle time and how many conversations it is measured on. */
  public record HandleTime(double averageSeconds, int samples) {}

  /**
   * The average time from assignment to close of the queue's last 50 conversations closed in the
   * past 24 hours.
   */
  public HandleTime recentHandleTime(String queueId) {
    return StoreFailures.call("handle time", () -> jdbi.withHandle(handle -> handle.createQuery("""
            SELECT coalesce(avg(extract(epoch FROM closed_at - assigned_at)), 0) AS average,
                   count(*) AS samples
            FROM (SELECT closed_at, assigned_at FROM conversations
                  WHERE queue_id = :queue AND status = 'closed' AND assigned_at IS NOT NULL
                    AND closed_at > now() - interval '24 hours'
                  ORDER BY closed_at DESC LIMIT 50) recent""")
        .bind("queue", queueId)
        .map((rs, ctx) -> new HandleTime(rs.getDouble("average"), rs.getInt("samples")))
        .one()));
  }

  /** Sets an open conversation's priority (0-9); empty when it is closed or unknown. */
  public Optional<Conversation> setPriority(UUID conversationId, int priority, String actorId) {
    return ConversationTransitions.setPriority(jdbi, conversationId, priority, actorId);
  }

  /** The conversation's state history, oldest first. */
  public List<ConversationEvent> events(UUID conversationId) {
    return StoreFailures.call("list conversation events",
        () -> jdbi.withHandle(handle -> ConversationEvents.list(handle, conversationId)));
  }

  /** How many conversations wait in a queue, and since when the oldest does. */
  public record QueueLoad(String queueId, int waiting, java.time.Instant oldestEnqueuedAt) {}

  /** Waiting conversations per queue (queues with none are absent). */
  public Map<String, QueueLoad> queueLoads() {
    return StoreFailures.call("queue loads", () -> jdbi.withHandle(handle -> {
      Map<String, QueueLoad> loads = new HashMap<>();
      handle.createQuery("""
              SELECT queue_id, count(*) AS waiting, min(enqueued_at) AS oldest
              FROM conversations WHERE status = 'queued' GROUP BY queue_id""")
          .map((rs, ctx) -> new QueueLoad(rs.getString("queue_id"), rs.getInt("waiting"),
              StoreRows.instant(rs, "oldest")))
          .forEach(load -> loads.put(load.queueId(), load));
      return Map.copyOf(loads);
    }));
  }
}
