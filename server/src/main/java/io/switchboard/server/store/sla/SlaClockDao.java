package io.switchboard.server.store.sla;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import io.switchboard.server.store.ticket.Ticket;
import io.switchboard.server.store.ticket.TicketDao;
import io.switchboard.server.store.ticket.TicketEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The stored SLA clocks of tickets. A recompute runs under the ticket's row lock, so it and the
 * escalation scheduler (which locks the same row, see {@link SlaEscalations}) never interleave on
 * one ticket: the clocks a recompute writes always know which events have fired.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class SlaClockDao {
  /** Computes a ticket's clocks from its row, its history and the events already fired. */
  @FunctionalInterface
  public interface Computation {
    /**
     * The clocks to store, or null to leave the stored ones as they are (a closed ticket keeps
     * the results it had).
     *
     * @param fired {@code metric/cycle/kind} of every event already fired for the ticket
     */
    Computed compute(Ticket ticket, List<TicketEvent> history, Set<String> fired);
  }

  /** What a computation answers: the policy applied, every clock, the earliest running deadline. */
  public record Computed(Long policyId, List<SlaClockRow> clocks, Instant nextDeadline) {}

  private final Jdbi jdbi;

  public SlaClockDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Recomputes and stores one ticket's clocks; false when the ticket does not exist. */
  public boolean recompute(UUID ticketId, Computation computation) {
    return StoreFailures.call("compute SLA clocks", () -> jdbi.inTransaction(handle -> {
      var locked = handle.createQuery("SELECT id FROM tickets WHERE id = :id FOR UPDATE")
          .bind("id", ticketId).mapTo(UUID.class).findOne();
      if (locked.isEmpty()) {
        return false;
      }
      Ticket ticket = TicketDao.read(handle, ticketId).orElseThrow();
      Computed computed = computation.compute(ticket, TicketDao.events(handle, ticketId),
          fired(handle, ticketId));
      if (computed != null) {
        store(handle, ticketId, computed);
      }
      return true;
    }));
  }

  public List<SlaClockRow> forTicket(UUID ticketId) {
    return StoreFailures.call("read SLA clocks", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT * FROM sla_clocks WHERE ticket_id = :id ORDER BY metric, cycle")
        .bind("id", ticketId)
        .map((rs, ctx) -> row(rs)).list()));
  }

  /** The worst state among each ticket's open clocks: breached, at_risk, running, paused. */
  public Map<UUID, String> worstStates(List<UUID> ticketIds) {
    if (ticketIds.isEmpty()) {
      return Map.of();
    }
    return StoreFailures.call("read SLA states", () -> jdbi.withHandle(handle -> {
      Map<UUID, String> states = new HashMap<>();
      handle.createQuery("""
              SELECT ticket_id, (array_agg(state ORDER BY CASE state WHEN 'breached' THEN 0
                  WHEN 'at_risk' THEN 1 WHEN 'running' THEN 2 ELSE 3 END))[1] AS worst
              FROM sla_clocks
              WHERE ticket_id = ANY(:ids) AND stopped_at IS NULL
                AND state IN ('running', 'paused', 'at_risk', 'breached')
              GROUP BY ticket_id""")
          .bindArray("ids", UUID.class, ticketIds.toArray())
          .map((rs, ctx) -> states.put(StoreRows.uuid(rs, "ticket_id"), rs.getString("worst")))
          .list();
      return states;
    }));
  }

  /** Every ticket that is not closed, for recomputing after a policy or calendar change. */
  public List<UUID> openTickets() {
    return StoreFailures.call("list open tickets", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT id FROM tickets WHERE status <> 'closed' ORDER BY created_at")
        .mapTo(UUID.class).list()));
  }

  private static Set<String> fired(Handle handle, UUID ticketId) {
    Set<String> fired = new HashSet<>();
    handle.createQuery("SELECT metric, cycle, kind FROM sla_events WHERE ticket_id = :id")
        .bind("id", ticketId)
        .map((rs, ctx) -> fired.add(rs.getString("metric") + "/" + rs.getInt("cycle") + "/"
            + rs.getString("kind")))
        .list();
    return fired;
  }

  private static void store(Handle handle, UUID ticketId, Computed computed) {
    handle.createUpdate("DELETE FROM sla_clocks WHERE ticket_id = :id").bind("id", ticketId)
        .execute();
    var batch = handle.prepareBatch("""
        INSERT INTO sla_clocks (ticket_id, metric, cycle, state, started_at, stopped_at,
            target_seconds, elapsed_seconds, at_risk_at, deadline, breached, due_at)
        VALUES (:ticket, :metric, :cycle, :state, :started, :stopped, :target, :elapsed,
            :atRisk, :deadline, :breached, :due)""");
    for (SlaClockRow c : computed.clocks()) {
      batch.bind("ticket", ticketId).bind("metric", c.metric()).bind("cycle", c.cycle())
          .bind("state", c.state()).bind("started", StoreRows.timestamp(c.startedAt()))
          .bind("stopped", StoreRows.timestamp(c.stoppedAt()))
          .bind("target", c.targetSeconds()).bind("elapsed", c.elapsedSeconds())
          .bind("atRisk", StoreRows.timestamp(c.atRiskAt()))
          .bind("deadline", StoreRows.timestamp(c.deadline())).bind("breached", c.breached())
          .bind("due", StoreRows.timestamp(c.dueAt())).add();
    }
    if (!computed.clocks().isEmpty()) {
      batch.execute();
    }
    handle.createUpdate("""
            UPDATE tickets SET sla_policy_id = :policy, next_deadline = :deadline
            WHERE id = :id""")
        .bind("id", ticketId).bind("policy", computed.policyId())
        .bind("deadline", StoreRows.timestamp(computed.nextDeadline())).execute();
  }

  static SlaClockRow row(ResultSet rs) throws SQLException {
    return new SlaClockRow(StoreRows.uuid(rs, "ticket_id"), rs.getString("metric"),
        rs.getInt("cycle"), rs.getString("state"), StoreRows.instant(rs, "started_at"),
        StoreRows.instant(rs, "stopped_at"), rs.getLong("target_seconds"),
        rs.getLong("elapsed_seconds"), StoreRows.instant(rs, "at_risk_at"),
        StoreRows.instant(rs, "deadline"), rs.getBoolean("breached"),
        StoreRows.instant(rs, "due_at"));
  }
}
