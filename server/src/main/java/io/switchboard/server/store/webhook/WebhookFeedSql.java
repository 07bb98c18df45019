package io.switchboard.server.store.webhook;

/**
 * The SQL that turns the stored event history into outbox rows: one {@code SELECT} per history
 * (conversation events, messages, chat ratings, ticket events, SLA events, ticket ratings, new
 * contacts, contact merges), each row an event with its id, type, site, ordering key and data,
 * joined with the enabled webhooks of its site that subscribe to its type. The inserts are
 * idempotent ({@code UNIQUE (webhook_id, event_id)}) and run in the order of the events' times,
 * so ids follow each conversation's and ticket's history. An SLA event comes before the ticket
 * changes of the same instant (the priority raise or queue move its breach caused) and carries
 * the priority its clock ran under, not the one the breach raised it to.
 *
 * <p>Parameters: {@code :ce}, {@code :te}, {@code :se}, {@code :ke} (ids to read above),
 * {@code :since} (the time to read messages, ratings and contacts after) and {@code :now}.
 *
 * <p>Constants only; thread-safe.
 */
final class WebhookFeedSql {
  private static final String CONVERSATION_EVENTS = """
      SELECT 'ce-' || e.id AS event_id,
             CASE e.kind WHEN 'queued' THEN 'conversation.started'
                         WHEN 'assigned' THEN 'conversation.assigned'
                         ELSE 'conversation.closed' END AS event_type,
             c.site_id, 'conversation:' || c.id AS ordering_key, e.at, 0 AS rank, e.id AS n,
             jsonb_strip_nulls(jsonb_build_object('conversationId', c.id,
                 'contactId', c.contact_id, 'queueId', c.queue_id,
                 'agentId', CASE e.kind WHEN 'assigned' THEN e.actor_id
                                        WHEN 'closed' THEN e.detail ->> 'agentId' END,
                 'closedBy', CASE WHEN e.kind = 'closed' THEN e.actor_id END,
                 'disposition', CASE WHEN e.kind = 'closed' THEN c.disposition END)) AS data
      FROM conversation_events e JOIN conversations c ON c.id = e.conversation_id
      WHERE e.id > :ce AND e.kind IN ('queued', 'assigned', 'closed')
        AND c.site_id IN (SELECT site_id FROM hooked)""";

  private static final String MESSAGES = """
      SELECT 'msg-' || m.conversation_id || '-' || m.seq, 'message.created', c.site_id,
             'conversation:' || c.id, m.created_at, 1, m.seq,
             jsonb_build_object('conversationId', c.id, 'contactId', c.contact_id,
                 'seq', m.seq, 'senderRole', m.sender_role, 'senderId', m.sender_id,
                 'body', m.body, 'sentAt', m.created_at)
      FROM messages m JOIN conversations c ON c.id = m.conversation_id
      WHERE m.created_at > :since AND c.site_id IN (SELECT site_id FROM hooked)""";

  private static final String CHAT_RATINGS = """
      SELECT 'rating-c-' || r.conversation_id || '-'
                 || (extract(epoch FROM r.created_at) * 1000)::bigint,
             'rating.submitted', c.site_id, 'conversation:' || c.id, r.created_at, 2, 0,
             jsonb_strip_nulls(jsonb_build_object('conversationId', c.id,
                 'contactId', r.contact_id, 'score', r.score, 'comment', r.comment))
      FROM ratings r JOIN conversations c ON c.id = r.conversation_id
      WHERE r.created_at > :since AND c.site_id IN (SELECT site_id FROM hooked)""";

  private static final String TICKET_EVENTS = """
      SELECT 'te-' || e.id,
             CASE WHEN e.kind = 'created' THEN 'ticket.created'
                  WHEN e.kind = 'status' AND e.detail ->> 'to' = 'solved' THEN 'ticket.solved'
                  ELSE 'ticket.updated' END,
             t.site_id, 'ticket:' || t.id, e.at, 0, e.id,
             jsonb_strip_nulls(jsonb_build_object('ticketId', t.id, 'number', t.number,
                 'contactId', t.contact_id, 'subject', t.subject, 'status', t.status,
                 'priority', t.priority, 'type', t.type, 'channel', t.channel,
                 'queueId', t.queue_id, 'assigneeId', t.assignee_id,
                 'change', jsonb_build_object('kind', e.kind, 'detail', e.detail)))
      FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
      WHERE e.id > :te AND t.site_id IN (SELECT site_id FROM hooked)""";

  private static final String SLA_EVENTS = """
      SELECT 'sla-' || s.id, 'sla.' || s.kind, t.site_id, 'ticket:' || t.id, s.fired_at, -1, s.id,
             jsonb_strip_nulls(jsonb_build_object('ticketId', t.id, 'number', t.number,
                 'contactId', t.contact_id, 'metric', s.metric, 'cycle', s.cycle,
                 'dueAt', s.due_at, 'policyId', s.policy_id,
                 'priority', coalesce((SELECT p.detail ->> 'from' FROM ticket_events p
                                       WHERE p.ticket_id = t.id AND p.kind = 'priority'
                                         AND p.at >= s.fired_at
                                       ORDER BY p.id LIMIT 1), t.priority)))
      FROM sla_events s JOIN tickets t ON t.id = s.ticket_id
      WHERE s.id > :se AND t.site_id IN (SELECT site_id FROM hooked)""";

  private static final String TICKET_RATINGS = """
      SELECT 'rating-t-' || r.ticket_id || '-'
                 || (extract(epoch FROM r.created_at) * 1000)::bigint,
             'rating.submitted', t.site_id, 'ticket:' || t.id, r.created_at, 2, 0,
             jsonb_strip_nulls(jsonb_build_object('ticketId', t.id, 'number', t.number,
                 'contactId', r.contact_id, 'score', r.score, 'comment', r.comment))
      FROM ticket_ratings r JOIN tickets t ON t.id = r.ticket_id
      WHERE (r.recorded_at > :since OR r.created_at > :since)
        AND t.site_id IN (SELECT site_id FROM hooked)""";

  private static final String NEW_CONTACTS = """
      SELECT 'contact-' || k.id, 'contact.created', k.site_id, 'contact:' || k.id,
             k.created_at, 0, 0,
             jsonb_strip_nulls(jsonb_build_object('contactId', k.id, 'name', k.name,
                 'email', k.email, 'phone', k.phone))
      FROM contacts k
      WHERE k.created_at > :since AND k.site_id IN (SELECT site_id FROM hooked)""";

  private static final String CONTACT_MERGES = """
      SELECT 'ke-' || e.id, 'contact.merged', k.site_id, 'contact:' || k.id, e.at, 1, e.id,
             jsonb_build_object('contactId', k.id, 'mergedContactId', e.detail ->> 'mergedId')
      FROM contact_events e JOIN contacts k ON k.id = e.contact_id
      WHERE e.id > :ke AND e.kind = 'merged' AND e.detail ->> 'role' = 'survivor'
        AND k.site_id IN (SELECT site_id FROM hooked)""";

  /** Inserts every new event for every webhook that wants it; answers the rows inserted. */
  static final String FEED = "WITH hooked AS (SELECT DISTINCT site_id FROM webhooks WHERE enabled),"
      + " source AS (" + String.join("\nUNION ALL\n", CONVERSATION_EVENTS, MESSAGES,
          CHAT_RATINGS, TICKET_EVENTS, SLA_EVENTS, TICKET_RATINGS, NEW_CONTACTS,
          CONTACT_MERGES) + ")\n" + """
      INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, ordering_key, payload,
          window_start, next_attempt_at)
      SELECT w.id, s.event_id, s.event_type, s.ordering_key,
             jsonb_build_object('id', s.event_id, 'type', s.event_type,
                 'occurredAt', to_char(s.at AT TIME ZONE 'UTC',
                     'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'siteId', s.site_id, 'data', s.data),
             :now, :now
      FROM source s
      JOIN webhooks w ON w.site_id = s.site_id AND w.enabled AND s.event_type = ANY (w.events)
      ORDER BY s.at, s.ordering_key, s.rank, s.n, w.id
      ON CONFLICT (webhook_id, event_id) DO NOTHING""";

  /** The highest id of every id-read history and the database's time. */
  static final String HEADS = """
      SELECT now() AS now,
             (SELECT coalesce(max(id), 0) FROM conversation_events) AS ce,
             (SELECT coalesce(max(id), 0) FROM ticket_events) AS te,
             (SELECT coalesce(max(id), 0) FROM sla_events) AS se,
             (SELECT coalesce(max(id), 0) FROM contact_events) AS ke""";

  private WebhookFeedSql() {}
}
