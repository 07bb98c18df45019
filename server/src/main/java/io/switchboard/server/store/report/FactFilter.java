package io.switchboard.server.store.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Which facts a report reads: the instants of its range ({@code from} included, {@code to}
 * excluded) and its filters, null when not given. {@code scopeQueues} limits a supervisor to
 * their teams' queues (null: no limit). Chat facts ignore the ticket-only filters (type and
 * priority) and match channel {@code chat} only; ticket facts match every filter.
 *
 * <p>Immutable, thread-safe.
 */
public record FactFilter(Instant from, Instant to, String site, String team,
    Set<String> scopeQueues, String queue, UUID agent, String channel, String type,
    String priority, List<String> tags) {
  public FactFilter {
    tags = tags == null ? List.of() : List.copyOf(tags);
    scopeQueues = scopeQueues == null ? null : Set.copyOf(scopeQueues);
  }

  /** The same filter over another range. */
  public FactFilter between(Instant start, Instant end) {
    return new FactFilter(start, end, site, team, scopeQueues, queue, agent, channel, type,
        priority, tags);
  }

  /** Whether chats can match at all (a channel other than chat, a type or priority: none). */
  public boolean matchesChats() {
    return channel == null || channel.equals("chat");
  }

  /**
   * The conditions on chat facts of alias {@code f} other than time, each starting with AND
   * (chats never match a ticket-only filter: the caller checks {@link #matchesChats}).
   */
  String chatConditions(String f) {
    return common(f, f + ".agent_id");
  }

  /** The conditions on ticket facts of alias {@code t} other than time, each starting with AND. */
  String ticketConditions(String t) {
    StringBuilder sql = new StringBuilder(common(t, t + ".assignee_id"));
    if (channel != null) {
      sql.append(" AND ").append(t).append(".channel = :f_channel");
    }
    if (type != null) {
      sql.append(" AND ").append(t).append(".type = :f_type");
    }
    if (priority != null) {
      sql.append(" AND ").append(t).append(".priority = :f_priority");
    }
    return sql.toString();
  }

  private String common(String alias, String agentColumn) {
    List<String> parts = new ArrayList<>();
    if (site != null) {
      parts.add(alias + ".site_id = :f_site");
    }
    if (team != null) {
      parts.add(alias + ".queue_id IN (SELECT id FROM queues WHERE team_id = :f_team)");
    }
    if (scopeQueues != null) {
      parts.add(alias + ".queue_id = ANY(:f_scope)");
    }
    if (queue != null) {
      parts.add(alias + ".queue_id = :f_queue");
    }
    if (agent != null) {
      parts.add(agentColumn + " = :f_agent");
    }
    if (!tags.isEmpty()) {
      parts.add(alias + ".tags && CAST(:f_tags AS text[])");
    }
    StringBuilder sql = new StringBuilder();
    parts.forEach(part -> sql.append(" AND ").append(part));
    return sql.toString();
  }

  /** Binds every parameter the conditions may name, and the range as {@code :f_from, :f_to}. */
  <T extends SqlStatement<T>> T bind(T statement) {
    statement.bind("f_from", java.sql.Timestamp.from(from));
    statement.bind("f_to", java.sql.Timestamp.from(to));
    statement.bind("f_site", site).bind("f_team", team).bind("f_queue", queue)
        .bind("f_agent", agent).bind("f_channel", channel).bind("f_type", type)
        .bind("f_priority", priority)
        .bind("f_tags", tags.toArray(String[]::new))
        .bind("f_scope", scopeQueues == null ? new String[0] : scopeQueues.toArray(String[]::new));
    return statement;
  }
}
