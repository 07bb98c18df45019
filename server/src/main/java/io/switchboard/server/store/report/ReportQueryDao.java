package io.switchboard.server.store.report;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * The report queries over the facts, the ratings and the SLA clocks. Each answers rows as maps
 * keyed by column, grouped by a {@link FactGrouping} (column {@code g}). A duration spread over
 * column {@code x} comes as {@code x_n, x_avg, x_p50, x_p90}: count, mean, and the nearest-rank
 * median and 90th percentile ({@code percentile_disc}).
 *
 * <p>Stateless and thread-safe.
 */
public final class ReportQueryDao implements ReportQueries {
  private final Jdbi jdbi;

  public ReportQueryDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  static String spread(String expression, String name) {
    return "count(" + expression + ") AS " + name + "_n, avg(" + expression + ")::float8 AS "
        + name + "_avg, percentile_disc(0.5) WITHIN GROUP (ORDER BY " + expression + ") AS "
        + name + "_p50, percentile_disc(0.9) WITHIN GROUP (ORDER BY " + expression + ") AS "
        + name + "_p90";
  }

  /** Chats started in the range: volumes, waits, responses, handle and resolution times. */
  @Override
  public List<Map<String, Object>> chats(FactFilter filter, FactGrouping grouping) {
    if (!filter.matchesChats()) {
      return List.of();
    }
    String sql = "SELECT " + grouping.key("f", "f.started_at", "f.agent_id") + "\n" + """
         AS g, count(*) AS started, count(*) FILTER (WHERE f.answered) AS answered,
        count(*) FILTER (WHERE f.missed) AS missed, count(*) FILTER (WHERE f.resolved) AS resolved,
        coalesce(sum(f.transfers), 0) AS transfers,
        count(*) FILTER (WHERE f.resolved AND NOT f.returned AND f.transfers = 0) AS first_contact,
        count(*) FILTER (WHERE f.resolved AND f.returned) AS reopened,
        """ + spread("f.abandoned_wait", "abandoned_wait") + ", "
        + spread("f.queue_wait", "queue_wait") + ", "
        + spread("f.first_response", "first_response") + ", " + spread("f.handle", "handle")
        + ", " + spread("f.resolution", "resolution") + "\n" + """
        FROM report_chat_facts f
        WHERE f.started_at >= :f_from AND f.started_at < :f_to""" + filter.chatConditions("f")
        + " GROUP BY 1";
    return list(sql, filter, grouping);
  }

  /** Next responses of chats started in the range. */
  @Override
  public List<Map<String, Object>> chatNextResponses(FactFilter filter, FactGrouping grouping) {
    if (!filter.matchesChats()) {
      return List.of();
    }
    String sql = "SELECT " + grouping.key("f", "f.started_at", "f.agent_id") + " AS g, "
        + spread("n.value", "next_response") + "\n" + """
         FROM report_chat_facts f CROSS JOIN LATERAL unnest(f.next_responses) AS n(value)
        WHERE f.started_at >= :f_from AND f.started_at < :f_to""" + filter.chatConditions("f")
        + " GROUP BY 1";
    return list(sql, filter, grouping);
  }

  /** Agents who transferred chats started in the range, with how many each (column g). */
  @Override
  public List<Map<String, Object>> transfersOut(FactFilter filter) {
    if (!filter.matchesChats()) {
      return List.of();
    }
    String sql = """
        SELECT b.actor AS g, count(*) AS transfers
        FROM report_chat_facts f CROSS JOIN LATERAL unnest(f.transferred_by) AS b(actor)
        WHERE f.started_at >= :f_from AND f.started_at < :f_to""" + filter.chatConditions("f")
        + " GROUP BY 1";
    return list(sql, filter, FactGrouping.TOTAL);
  }

  /** Tickets created in the range: how many, how many solved now, complaints, responses. */
  @Override
  public List<Map<String, Object>> ticketsCreated(FactFilter filter, FactGrouping grouping) {
    String sql = "SELECT " + grouping.key("t", "t.created_at", "t.assignee_id") + "\n" + """
         AS g, count(*) AS created, count(*) FILTER (WHERE t.solved_at IS NOT NULL) AS solved_now,
        count(*) FILTER (WHERE t.type = 'complaint') AS complaints,
        """ + spread("t.first_response", "first_response") + "\n" + """
         FROM report_ticket_facts t
        WHERE t.created_at >= :f_from AND t.created_at < :f_to""" + filter.ticketConditions("t")
        + " GROUP BY 1";
    return list(sql, filter, grouping);
  }

  /** Next responses of tickets created in the range. */
  @Override
  public List<Map<String, Object>> ticketNextResponses(FactFilter filter, FactGrouping grouping) {
    String sql = "SELECT " + grouping.key("t", "t.created_at", "t.assignee_id") + " AS g, "
        + spread("n.value", "next_response") + "\n" + """
         FROM report_ticket_facts t CROSS JOIN LATERAL unnest(t.next_responses) AS n(value)
        WHERE t.created_at >= :f_from AND t.created_at < :f_to""" + filter.ticketConditions("t")
        + " GROUP BY 1";
    return list(sql, filter, grouping);
  }

  /** Tickets solved in the range (by their latest solve). */
  @Override
  public List<Map<String, Object>> ticketsSolved(FactFilter filter, FactGrouping grouping) {
    String sql = "SELECT " + grouping.key("t", "t.solved_at", "t.assignee_id") + "\n" + """
         AS g, count(*) AS solved, count(*) FILTER (WHERE t.reopened) AS reopened,
        count(*) FILTER (WHERE NOT t.reopened AND t.replies <= 1) AS first_contact,
        count(*) FILTER (WHERE t.type = 'complaint') AS complaints,
        """ + spread("t.resolution", "resolution") + "\n" + """
         FROM report_ticket_facts t
        WHERE t.solved_at >= :f_from AND t.solved_at < :f_to""" + filter.ticketConditions("t")
        + " GROUP BY 1";
    return list(sql, filter, grouping);
  }

  /** Ratings given in the range, counted per group and score (columns g, score, n). */
  @Override
  public List<Map<String, Object>> ratings(FactFilter filter, FactGrouping grouping) {
    String chats = filter.matchesChats()
        ? "SELECT " + grouping.key("f", "r.created_at", "f.agent_id") + "\n" + """
           AS g, r.score FROM ratings r
          JOIN report_chat_facts f ON f.conversation_id = r.conversation_id
          WHERE r.created_at >= :f_from AND r.created_at < :f_to""" + filter.chatConditions("f")
          + " UNION ALL " : "";
    String sql = "SELECT g, score, count(*) AS n FROM (" + chats + "SELECT "
        + grouping.key("t", "r.created_at", "t.assignee_id") + "\n" + """
         AS g, r.score FROM ticket_ratings r
        JOIN report_ticket_facts t ON t.ticket_id = r.ticket_id
        WHERE r.created_at >= :f_from AND r.created_at < :f_to""" + filter.ticketConditions("t")
        + ") rated GROUP BY g, score";
    return list(sql, filter, grouping);
  }

  /**
   * SLA clocks that stopped in the range, not cancelled, per group, clock and the ticket's
   * priority (columns g, metric, priority, measured, breached).
   */
  @Override
  public List<Map<String, Object>> slaClocks(FactFilter filter, FactGrouping grouping) {
    String sql = "SELECT " + grouping.key("t", "c.stopped_at", "t.assignee_id") + "\n" + """
         AS g, c.metric, t.priority, count(*) AS measured,
        count(*) FILTER (WHERE c.breached) AS breached
        FROM sla_clocks c JOIN report_ticket_facts t ON t.ticket_id = c.ticket_id
        WHERE c.stopped_at >= :f_from AND c.stopped_at < :f_to AND c.state <> 'cancelled'
        """ + filter.ticketConditions("t") + " GROUP BY 1, 2, 3";
    return list(sql, filter, grouping);
  }

  /** Names: every queue (id, name, team_id) and every user (id, display_name). */
  @Override
  public List<Map<String, Object>> queueNames() {
    return jdbi.withHandle(handle -> handle.createQuery(
        "SELECT id, name, team_id FROM queues").mapToMap().list());
  }

  @Override
  public List<Map<String, Object>> userNames(List<java.util.UUID> ids) {
    return jdbi.withHandle(handle -> handle.createQuery(
            "SELECT id, display_name FROM users WHERE id = ANY(:ids)")
        .bind("ids", ids.toArray(java.util.UUID[]::new)).mapToMap().list());
  }

  private List<Map<String, Object>> list(String sql, FactFilter filter, FactGrouping grouping) {
    return jdbi.withHandle(handle -> query(handle, sql, filter)
        .bind("g_zone", grouping.zoneOrUtc()).mapToMap().list());
  }

  static Query query(Handle handle, String sql, FactFilter filter) {
    Query query = handle.createQuery(sql);
    query.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
    return filter.bind(query);
  }
}
