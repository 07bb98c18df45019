package io.switchboard.server.store.sla;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the at-risk and breach events that are due, exactly once across all nodes. One
 * transaction claims due clocks (and their tickets' rows) with {@code FOR UPDATE SKIP LOCKED}, so
 * two nodes never hold the same clock; records each event (unique per clock cycle and kind);
 * applies the policy's actions (raise the priority, move to the escalation queue) with their
 * events in the ticket's history; moves each clock's {@code due_at} on; and commits. A node that
 * dies before the commit fired nothing: its locks go with its connection and another node claims
 * the clocks.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class SlaEscalations {
  private static final Logger LOG = LoggerFactory.getLogger(SlaEscalations.class);
  private static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");

  private final Jdbi jdbi;

  public SlaEscalations(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  private record Due(UUID ticketId, String metric, int cycle, Instant atRiskAt,
      Instant deadline, Instant dueAt, Long policyId, boolean alert, boolean raise,
      String escalationQueue, String priority, String queue) {}

  /**
   * Fires up to {@code limit} due events. {@code holdMillis} keeps the claim open that long
   * before firing: zero in service, a fault test's window to kill the node mid-way.
   */
  public List<SlaFired> fireDue(Instant now, int limit, String nodeId, long holdMillis) {
    return StoreFailures.call("fire SLA events", () -> jdbi.inTransaction(handle -> {
      List<Due> due = claim(handle, now, limit);
      if (!due.isEmpty() && holdMillis > 0) {
        LOG.warn("fault test: holding {} claimed SLA clocks for {} ms before firing", due.size(),
            holdMillis);
        Thread.sleep(holdMillis);
      }
      List<SlaFired> fired = new ArrayList<>();
      for (Due clock : due) {
        boolean atRisk = clock.atRiskAt() != null && clock.dueAt().equals(clock.atRiskAt())
            && (clock.deadline() == null || clock.deadline().isAfter(clock.dueAt()));
        String kind = atRisk ? "at_risk" : "breached";
        int inserted = handle.createUpdate("""
                INSERT INTO sla_events (ticket_id, metric, cycle, kind, policy_id, due_at,
                    fired_at, node_id)
                VALUES (:ticket, :metric, :cycle, :kind, :policy, :due, :now, :node)
                ON CONFLICT DO NOTHING""")
            .bind("ticket", clock.ticketId()).bind("metric", clock.metric())
            .bind("cycle", clock.cycle()).bind("kind", kind).bind("policy", clock.policyId())
            .bind("due", StoreRows.timestamp(clock.dueAt()))
            .bind("now", StoreRows.timestamp(now)).bind("node", nodeId).execute();
        Instant next = atRisk && clock.deadline() != null ? clock.deadline() : null;
        handle.createUpdate("""
                UPDATE sla_clocks SET due_at = :next, state = :state
                WHERE ticket_id = :ticket AND metric = :metric AND cycle = :cycle""")
            .bind("next", StoreRows.timestamp(next)).bind("state", kind)
            .bind("ticket", clock.ticketId()).bind("metric", clock.metric())
            .bind("cycle", clock.cycle()).execute();
        if (inserted == 0) {
          continue;
        }
        String raisedTo = null;
        String movedTo = null;
        if (!atRisk && clock.raise()) {
          raisedTo = raise(handle, clock, now);
        }
        if (!atRisk && clock.escalationQueue() != null
            && !clock.escalationQueue().equals(clock.queue())) {
          movedTo = move(handle, clock, now);
        }
        fired.add(new SlaFired(clock.ticketId(), clock.metric(), clock.cycle(), kind,
            clock.policyId(), clock.alert(), clock.deadline(), now, raisedTo, movedTo));
      }
      return fired;
    }));
  }

  private static List<Due> claim(Handle handle, Instant now, int limit) {
    return handle.createQuery("""
            SELECT c.ticket_id, c.metric, c.cycle, c.at_risk_at, c.deadline, c.due_at,
                t.sla_policy_id, t.priority, t.queue_id, p.notify, p.raise_priority,
                p.escalation_queue
            FROM sla_clocks c
            JOIN tickets t ON t.id = c.ticket_id
            LEFT JOIN sla_policies p ON p.id = t.sla_policy_id
            WHERE c.due_at <= :now AND t.status <> 'closed'
            ORDER BY c.due_at
            LIMIT :limit
            FOR UPDATE OF c, t SKIP LOCKED""")
        .bind("now", StoreRows.timestamp(now)).bind("limit", limit)
        .map((rs, ctx) -> {
          long policy = rs.getLong("sla_policy_id");
          Long policyId = rs.wasNull() ? null : policy;
          return new Due(StoreRows.uuid(rs, "ticket_id"), rs.getString("metric"),
              rs.getInt("cycle"), StoreRows.instant(rs, "at_risk_at"),
              StoreRows.instant(rs, "deadline"), StoreRows.instant(rs, "due_at"), policyId,
              policyId == null || rs.getBoolean("notify"), rs.getBoolean("raise_priority"),
              rs.getString("escalation_queue"), rs.getString("priority"),
              rs.getString("queue_id"));
        })
        .list();
  }

  /** One step up, once per ticket and breach; urgent stays urgent. */
  private static String raise(Handle handle, Due clock, Instant now) {
    int at = PRIORITIES.indexOf(clock.priority());
    if (at < 0 || at == PRIORITIES.size() - 1) {
      return null;
    }
    String to = PRIORITIES.get(at + 1);
    int updated = handle.createUpdate(
            "UPDATE tickets SET priority = :to, updated_at = :now WHERE id = :id AND priority = :from")
        .bind("id", clock.ticketId()).bind("to", to).bind("from", clock.priority())
        .bind("now", StoreRows.timestamp(now)).execute();
    if (updated == 0) {
      return null;
    }
    history(handle, clock.ticketId(), "priority", Map.of("from", clock.priority(), "to", to,
        "reason", "sla_breach", "metric", clock.metric()), now);
    return to;
  }

  private static String move(Handle handle, Due clock, Instant now) {
    handle.createUpdate("UPDATE tickets SET queue_id = :to, updated_at = :now WHERE id = :id")
        .bind("id", clock.ticketId()).bind("to", clock.escalationQueue())
        .bind("now", StoreRows.timestamp(now)).execute();
    Map<String, String> detail = new java.util.LinkedHashMap<>();
    if (clock.queue() != null) {
      detail.put("from", clock.queue());
    }
    detail.put("to", clock.escalationQueue());
    detail.put("reason", "sla_breach");
    detail.put("metric", clock.metric());
    history(handle, clock.ticketId(), "queue", detail, now);
    return clock.escalationQueue();
  }

  private static void history(Handle handle, UUID ticketId, String kind,
      Map<String, String> detail, Instant now) {
    handle.createUpdate("""
            INSERT INTO ticket_events (ticket_id, kind, actor, detail, at)
            VALUES (:ticket, :kind, 'system', CAST(:detail AS jsonb), :at)""")
        .bind("ticket", ticketId).bind("kind", kind).bind("detail", StoreRows.toJson(detail))
        .bind("at", StoreRows.timestamp(now)).execute();
  }
}
