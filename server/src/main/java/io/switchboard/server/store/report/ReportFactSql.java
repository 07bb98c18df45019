package io.switchboard.server.store.report;

/**
 * The set-based SQL that recomputes report facts from the full history of the conversations and
 * tickets whose ids are bound as {@code :ids} (README "Report metrics" defines each figure). The
 * same statements backfill a whole database (every id, in chunks) and keep it up to date (the ids
 * an updater pass found touched): each deletes the facts of ids that have none any more and writes
 * the others where they changed, so a pass may run twice over the same ids and an unchanged fact
 * is not written again.
 *
 * <p>Constants only; thread-safe.
 */
final class ReportFactSql {
  /** The availability probe's site: its traffic is not customer traffic. */
  static final String PROBE_SITE = "switchboard-probe";

  /** The facts of these conversations that no longer have one (erased, or the probe's). */
  static final String DELETE_CHATS = """
      DELETE FROM report_chat_facts f WHERE f.conversation_id = ANY(:ids)
        AND NOT EXISTS (SELECT 1 FROM conversations c
                        WHERE c.id = f.conversation_id AND c.site_id <> :probe)""";

  /** The facts of these tickets that no longer have one (erased, or the probe's). */
  static final String DELETE_TICKETS = """
      DELETE FROM report_ticket_facts f WHERE f.ticket_id = ANY(:ids)
        AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = f.ticket_id AND t.site_id <> :probe)""";

  private static final String[] CHAT_COLUMNS = {"site_id", "queue_id", "agent_id", "contact_id",
      "tags", "started_at", "closed_at", "answered", "missed", "resolved", "returned", "transfers",
      "transferred_by", "abandoned_wait", "queue_wait", "first_response", "next_responses",
      "handle", "resolution"};

  private static final String[] TICKET_COLUMNS = {"site_id", "queue_id", "assignee_id",
      "channel", "type", "priority", "tags", "created_at", "solved_at", "merged", "reopened",
      "replies", "first_response", "next_responses", "resolution"};

  /**
   * Next responses: a visitor message right after an agent message (the first visitor message
   * of a turn, once an agent has written) to the agent message after it. Messages are numbered
   * by how many agent messages came up to them, so the reply is the agent message numbered one
   * more.
   */
  private static final String CHAT_NEXT = """
      msgs AS (
        SELECT conversation_id, seq, sender_role, created_at,
               count(*) FILTER (WHERE sender_role = 'agent')
                   OVER (PARTITION BY conversation_id ORDER BY seq) AS agents_so_far,
               lag(sender_role) OVER (PARTITION BY conversation_id ORDER BY seq) AS previous_role
        FROM messages
        WHERE conversation_id = ANY(:ids) AND sender_role IN ('visitor', 'agent')
      ), next AS (
        SELECT v.conversation_id,
               array_agg(report_seconds(v.created_at, a.created_at) ORDER BY v.seq) AS durations
        FROM msgs v
        JOIN msgs a ON a.conversation_id = v.conversation_id AND a.sender_role = 'agent'
                   AND a.agents_so_far = v.agents_so_far + 1
        WHERE v.sender_role = 'visitor' AND v.agents_so_far >= 1 AND v.previous_role = 'agent'
        GROUP BY v.conversation_id
      )""";

  static final String INSERT_CHATS = """
      WITH c AS (
        SELECT * FROM conversations WHERE id = ANY(:ids) AND site_id <> :probe
      ), ev AS (
        SELECT conversation_id,
               min(at) FILTER (WHERE kind = 'assigned') AS first_assigned,
               count(*) FILTER (WHERE kind = 'transferred') AS transfers,
               coalesce(array_agg(actor_id ORDER BY id) FILTER (
                   WHERE kind = 'transferred' AND actor_id IS NOT NULL), '{}') AS transferred_by
        FROM conversation_events WHERE conversation_id = ANY(:ids)
        GROUP BY conversation_id
      ),""" + CHAT_NEXT + "\n" + """
      , shaped AS (
        SELECT c.id, c.site_id, c.queue_id, c.agent_id, c.contact_id, c.tags, c.created_at,
               c.closed_at, c.first_agent_response_at IS NOT NULL AS answered,
               c.closed_at IS NOT NULL AND c.first_agent_response_at IS NULL AS missed,
               ev.first_assigned, coalesce(ev.transfers, 0) AS transfers,
               coalesce(ev.transferred_by, '{}') AS transferred_by,
               coalesce(next.durations, '{}') AS next_responses,
               c.first_agent_response_at
        FROM c LEFT JOIN ev ON ev.conversation_id = c.id LEFT JOIN next ON next.conversation_id = c.id
      )
      INSERT INTO report_chat_facts (conversation_id, site_id, queue_id, agent_id, contact_id, tags,
          started_at, closed_at, answered, missed, resolved, returned, transfers, transferred_by,
          abandoned_wait, queue_wait, first_response, next_responses, handle, resolution)
      SELECT s.id, s.site_id, s.queue_id, s.agent_id, s.contact_id, s.tags, s.created_at,
             s.closed_at, s.answered, s.missed, s.answered AND s.closed_at IS NOT NULL,
             s.closed_at IS NOT NULL AND EXISTS (
               SELECT 1 FROM conversations later
               WHERE later.contact_id = s.contact_id AND later.id <> s.id
                 AND later.created_at >= s.closed_at
                 AND later.created_at < s.closed_at + interval '24 hours'),
             s.transfers, s.transferred_by,
             CASE WHEN s.missed THEN report_seconds(s.created_at, s.closed_at) END,
             report_seconds(s.created_at, s.first_assigned),
             report_seconds(s.created_at, s.first_agent_response_at),
             s.next_responses,
             CASE WHEN s.closed_at IS NOT NULL THEN report_seconds(s.first_assigned, s.closed_at) END,
             CASE WHEN s.answered THEN report_seconds(s.created_at, s.closed_at) END
      FROM shaped s
      """ + onlyChanged("report_chat_facts", "conversation_id", CHAT_COLUMNS);

  private static final String TICKET_NEXT = """
      entries AS (
        SELECT ticket_id, id, kind, created_at,
               count(*) FILTER (WHERE kind = 'reply')
                   OVER (PARTITION BY ticket_id ORDER BY created_at, id) AS replies_so_far,
               lag(kind) OVER (PARTITION BY ticket_id ORDER BY created_at, id) AS previous_kind
        FROM ticket_entries
        WHERE ticket_id = ANY(:ids) AND kind IN ('customer', 'reply')
      ), next AS (
        SELECT v.ticket_id,
               array_agg(report_seconds(v.created_at, a.created_at) ORDER BY v.created_at, v.id)
                   AS durations
        FROM entries v
        JOIN entries a ON a.ticket_id = v.ticket_id AND a.kind = 'reply'
                      AND a.replies_so_far = v.replies_so_far + 1
        WHERE v.kind = 'customer' AND v.replies_so_far >= 1 AND v.previous_kind = 'reply'
        GROUP BY v.ticket_id
      ), replies AS (
        SELECT ticket_id, min(created_at) AS first_at, count(*) AS replies
        FROM entries WHERE kind = 'reply' GROUP BY ticket_id
      ), reopens AS (
        SELECT DISTINCT ticket_id FROM ticket_events
        WHERE ticket_id = ANY(:ids) AND kind = 'status' AND detail ->> 'from' = 'solved'
          AND detail ->> 'to' NOT IN ('solved', 'closed')
      )""";

  static final String INSERT_TICKETS = "WITH " + TICKET_NEXT + "\n" + """
      , t AS (
        SELECT t.*, CASE WHEN t.status IN ('solved', 'closed') AND t.merged_into IS NULL
                         THEN t.solved_at END AS solved
        FROM tickets t WHERE t.id = ANY(:ids) AND t.site_id <> :probe
      )
      INSERT INTO report_ticket_facts (ticket_id, site_id, queue_id, assignee_id, channel, type,
          priority, tags, created_at, solved_at, merged, reopened, replies, first_response,
          next_responses, resolution)
      SELECT t.id, t.site_id, t.queue_id, t.assignee_id, t.channel, t.type, t.priority, t.tags,
             t.created_at, t.solved, t.merged_into IS NOT NULL, reopens.ticket_id IS NOT NULL,
             coalesce(replies.replies, 0), report_seconds(t.created_at, replies.first_at),
             coalesce(next.durations, '{}'), report_seconds(t.created_at, t.solved)
      FROM t LEFT JOIN replies ON replies.ticket_id = t.id LEFT JOIN next ON next.ticket_id = t.id
      LEFT JOIN reopens ON reopens.ticket_id = t.id
      """ + onlyChanged("report_ticket_facts", "ticket_id", TICKET_COLUMNS);

  /**
   * The conflict clause that writes a recomputed fact only where it differs from the stored one:
   * a pass reads a margin of history again, and an unchanged fact rewritten would be churn (dead
   * rows, and a {@code report_changes} row that makes every node's report index reload it).
   */
  private static String onlyChanged(String table, String key, String[] columns) {
    StringBuilder set = new StringBuilder();
    StringBuilder stored = new StringBuilder();
    StringBuilder computed = new StringBuilder();
    for (String column : columns) {
      String separator = set.isEmpty() ? "" : ", ";
      set.append(separator).append(column).append(" = EXCLUDED.").append(column);
      stored.append(separator).append(table).append('.').append(column);
      computed.append(separator).append("EXCLUDED.").append(column);
    }
    return "ON CONFLICT (" + key + ") DO UPDATE SET " + set + "\nWHERE (" + stored
        + ") IS DISTINCT FROM (" + computed + ")";
  }

  private ReportFactSql() {}
}
