package io.switchboard.server.store.agentstatus;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads what the agent time report is computed from: the staff in scope, their status periods
 * and the chats they held during a range. Who held a chat when comes from the conversations'
 * event history: an {@code assigned} event gives the chat to its actor, a {@code transferred}
 * event to its {@code toAgent} (to nobody when it went to a queue), {@code requeued} and {@code
 * closed} to nobody; each holder keeps the chat until the next of these events.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class AgentTimeDao {
  /** The longest range, in days, that first picks out the chats with events in it. */
  static final long SHORT_RANGE_DAYS = 62;
  private static final String HOLDER_KINDS = "('assigned', 'transferred', 'requeued', 'closed')";
  private final Jdbi jdbi;

  public AgentTimeDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * The staff a report over [from, to) covers, by name: agents and supervisors who are not
   * disabled, and anyone (admins and disabled users too) with a status period in the range.
   */
  public List<ScopedAgent> agents(AgentScope scope, Instant from, Instant to) {
    return StoreFailures.call("agents in scope", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT u.id, u.display_name, u.created_at FROM users u
            WHERE ((NOT u.disabled AND u.role <> 'admin') OR EXISTS (
                     SELECT 1 FROM agent_status_periods p WHERE p.agent_id = u.id
                     AND p.started_at < :to AND (p.ended_at IS NULL OR p.ended_at > :from)))
              AND (CAST(:agent AS uuid) IS NULL OR u.id = :agent)
              AND (CAST(:team AS text) IS NULL OR EXISTS (SELECT 1 FROM team_members tm
                     WHERE tm.user_id = u.id AND tm.team_id = :team))
              AND (NOT :scoped OR EXISTS (SELECT 1 FROM team_members tm
                     WHERE tm.user_id = u.id AND tm.team_id = ANY(:teams)))
              AND (CAST(:queue AS text) IS NULL OR EXISTS (SELECT 1 FROM queue_members qm
                     WHERE qm.user_id = u.id AND qm.queue_id = :queue))
              AND (CAST(:site AS text) IS NULL OR EXISTS (SELECT 1 FROM queue_members qm
                     JOIN queues q ON q.id = qm.queue_id
                     WHERE qm.user_id = u.id AND q.site_id = :site))
            ORDER BY u.display_name, u.id""")
        .bind("from", StoreRows.timestamp(from)).bind("to", StoreRows.timestamp(to))
        .bind("agent", scope.agentId()).bind("team", scope.teamId())
        .bind("scoped", scope.teams() != null)
        .bind("teams", scope.teams() == null ? new String[0] : scope.teams().toArray(String[]::new))
        .bind("queue", scope.queueId()).bind("site", scope.siteId())
        .map((rs, ctx) -> new ScopedAgent(StoreRows.uuid(rs, "id"), rs.getString("display_name"),
            StoreRows.instant(rs, "created_at")))
        .list()));
  }

  /** The supervisor's teams. */
  public List<String> teamsOf(UUID userId) {
    return StoreFailures.call("teams of staff", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT team_id FROM team_members WHERE user_id = :id ORDER BY team_id")
        .bind("id", userId).mapTo(String.class).list()));
  }

  /** The status periods of the agents that overlap [from, to), by agent and start. */
  public List<StatusPeriod> periods(List<UUID> agents, Instant from, Instant to) {
    return StoreFailures.call("agent status periods", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + AgentStatusDao.COLUMNS + " FROM agent_status_periods"
            + " WHERE agent_id = ANY(:agents) AND started_at < :to"
            + " AND (ended_at IS NULL OR ended_at > :from) ORDER BY agent_id, started_at, id")
        .bind("agents", agents.toArray(UUID[]::new))
        .bind("from", StoreRows.timestamp(from)).bind("to", StoreRows.timestamp(to))
        .map((rs, ctx) -> AgentStatusDao.period(rs)).list()));
  }

  /**
   * The chats the agents held during [from, to), each cut to the range. A short range reads only
   * the chats with a holder event at or after {@code from}, or still assigned: one held across the
   * whole range without an event in it has its next event after the range, or none yet. A long
   * range (more than {@link #SHORT_RANGE_DAYS} days) covers most of the history before {@code
   * to}, so it reads all of it in order, which costs less than picking the chats out first.
   */
  public List<HeldChat> heldChats(List<UUID> agents, Instant from, Instant to) {
    boolean shortRange = Duration.between(from, to).toDays() <= SHORT_RANGE_DAYS;
    String touched = !shortRange ? "" : """
        JOIN (SELECT conversation_id FROM conversation_events
              WHERE kind IN %1$s AND at >= :from
              UNION
              SELECT id FROM conversations WHERE status = 'assigned' AND assigned_at < :to) t
          ON t.conversation_id = e.conversation_id""".formatted(HOLDER_KINDS);
    return StoreFailures.call("held chats", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            WITH holders AS (
              SELECT e.conversation_id, e.at AS held_from,
                     CASE WHEN e.kind = 'assigned' THEN e.actor_id
                          WHEN e.kind = 'transferred' THEN e.detail->>'toAgent' END AS holder,
                     lead(e.at) OVER (PARTITION BY e.conversation_id ORDER BY e.id) AS held_to
              FROM conversation_events e %2$s
              WHERE e.kind IN %1$s AND e.at < :to
            )
            SELECT CAST(holder AS uuid) AS agent_id, conversation_id,
                   greatest(held_from, :from) AS held_from,
                   least(coalesce(held_to, :to), :to) AS held_to
            FROM holders
            WHERE holder = ANY(:agents) AND coalesce(held_to, :to) > :from
              AND least(coalesce(held_to, :to), :to) > greatest(held_from, :from)
            ORDER BY 1, 3""".formatted(HOLDER_KINDS, touched))
        .bind("agents", agents.stream().map(UUID::toString).toArray(String[]::new))
        .bind("from", StoreRows.timestamp(from)).bind("to", StoreRows.timestamp(to))
        .map((rs, ctx) -> new HeldChat(StoreRows.uuid(rs, "agent_id"),
            StoreRows.uuid(rs, "conversation_id"), StoreRows.instant(rs, "held_from"),
            StoreRows.instant(rs, "held_to")))
        .list()));
  }
}
