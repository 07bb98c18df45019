package io.switchboard.server.ticket;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.sla.BusinessCalendar;
import io.switchboard.server.sla.ClockState;
import io.switchboard.server.sla.SlaClock;
import io.switchboard.server.sla.SlaClocks;
import io.switchboard.server.sla.SlaPolicies;
import io.switchboard.server.sla.SlaPolicy;
import io.switchboard.server.sla.TicketAttributes;
import io.switchboard.server.sla.TicketFact;
import io.switchboard.server.sla.TicketHistory;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.sla.SlaClockDao;
import io.switchboard.server.store.sla.SlaClockRow;
import io.switchboard.server.store.sla.SlaPolicyRow;
import io.switchboard.server.store.ticket.Ticket;
import io.switchboard.server.store.ticket.TicketEvent;
import io.switchboard.server.store.ticket.TicketPriority;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps the stored SLA clocks of tickets equal to what the SLA engine computes from each ticket's
 * history: after every change, and for every ticket that is not closed when a policy changes.
 * The policy is the first that matches the ticket, its calendar the business hours of the
 * policy's queue (or around the clock).
 *
 * <p>Thread-safe. Blocks on the database: call it on the store executor.
 */
public final class SlaKeeper implements TicketClocks {
  private final Stores stores;
  private final Clock clock;

  SlaKeeper(Stores stores, Clock clock) {
    this.stores = stores;
    this.clock = clock;
  }

  @Override
  public void recompute(UUID ticketId) {
    recompute(ticketId, policies());
  }

  /** Recomputes every ticket that is not closed (a policy or calendar changed). */
  public int recomputeOpen() {
    List<UUID> open = stores.slaClocks().openTickets();
    List<SlaPolicy> policies = policies();
    open.forEach(id -> recompute(id, policies));
    return open.size();
  }

  private void recompute(UUID ticketId, List<SlaPolicy> policies) {
    try {
      stores.slaClocks().recompute(ticketId, (ticket, history, fired) ->
          compute(ticket, history, fired, policies));
    } catch (SwitchboardException e) {
      if (e.code() != ErrorCode.NOT_FOUND) {
        throw e;
      }
      // The policy chosen was deleted meanwhile: choose again among those stored now.
      List<SlaPolicy> now = policies();
      stores.slaClocks().recompute(ticketId, (ticket, history, fired) ->
          compute(ticket, history, fired, now));
    }
  }

  /** The policy and clocks of one ticket as stored. */
  public TicketSla view(Ticket ticket) {
    String name = ticket.slaPolicyId() == null ? null
        : stores.slaPolicies().find(ticket.slaPolicyId()).map(SlaPolicyRow::name).orElse(null);
    return new TicketSla(ticket.slaPolicyId(), name, stores.slaClocks().forTicket(ticket.id()));
  }

  public Map<UUID, String> worstStates(List<UUID> tickets) {
    return stores.slaClocks().worstStates(tickets);
  }

  private List<SlaPolicy> policies() {
    return stores.slaPolicies().list().stream().map(SlaPolicyCodec::policy).toList();
  }

  private SlaClockDao.Computed compute(Ticket ticket, List<TicketEvent> history,
      Set<String> fired, List<SlaPolicy> policies) {
    SlaPolicy policy = SlaPolicies.first(policies, new TicketAttributes(ticket.priority(),
            ticket.type(), ticket.queueId(), ticket.channel(),
            new HashSet<>(stores.contacts().tags(ticket.contactId()))))
        .orElseGet(() -> SlaPolicy.contractDefault(0));
    BusinessCalendar calendar = policy.calendarQueueId() == null ? BusinessCalendar.allHours()
        : stores.lookups().schedule(policy.calendarQueueId()).map(BusinessCalendar::of)
            .orElse(BusinessCalendar.allHours());
    Instant now = clock.instant();
    List<SlaClock> clocks = SlaClocks.compute(facts(history), policy.targets(), calendar,
        policy.warnPercent() / 100.0, now);
    List<SlaClockRow> rows = new ArrayList<>();
    Instant next = null;
    for (SlaClock c : clocks) {
      Instant due = null;
      if (c.open()) {
        String key = c.metric().wire() + "/" + c.cycle() + "/";
        if (c.atRiskAt() != null && !fired.contains(key + "at_risk")) {
          due = c.atRiskAt();
        } else if (c.deadline() != null && !fired.contains(key + "breached")) {
          due = c.deadline();
        }
        if (c.deadline() != null && c.state() != ClockState.PAUSED
            && (next == null || c.deadline().isBefore(next))) {
          next = c.deadline();
        }
      }
      rows.add(new SlaClockRow(ticket.id(), c.metric().wire(), c.cycle(), c.state().wire(),
          c.startedAt(), c.stoppedAt(), c.target().toSeconds(), c.elapsed().toSeconds(),
          c.atRiskAt(), c.deadline(), c.breached(), due));
    }
    return new SlaClockDao.Computed(policy.id() == 0 ? null : policy.id(), rows, next);
  }

  /** The ticket's history as the SLA engine reads it. */
  static TicketHistory facts(List<TicketEvent> events) {
    TicketPriority initial = TicketPriority.NORMAL;
    List<TicketFact> facts = new ArrayList<>();
    for (TicketEvent event : events) {
      Map<String, String> detail = event.detail();
      switch (event.kind()) {
        case "created" -> {
          if (detail.containsKey("priority")) {
            initial = TicketPriority.fromWire(detail.get("priority"));
          }
          facts.add(new TicketFact(event.at(), TicketFact.Kind.CREATED,
              detail.getOrDefault("status", "new")));
        }
        case "status" -> facts.add(new TicketFact(event.at(), TicketFact.Kind.STATUS,
            detail.get("to")));
        case "priority" -> facts.add(new TicketFact(event.at(), TicketFact.Kind.PRIORITY,
            detail.get("to")));
        case "reply" -> facts.add(new TicketFact(event.at(), TicketFact.Kind.AGENT_REPLY, null));
        case "solution" -> {
          facts.add(new TicketFact(event.at(), TicketFact.Kind.AGENT_REPLY, null));
          facts.add(new TicketFact(event.at(), TicketFact.Kind.SOLUTION_PROPOSED, null));
        }
        case "customer_message" -> facts.add(new TicketFact(event.at(),
            TicketFact.Kind.CUSTOMER_MESSAGE, null));
        case "merged" -> facts.add(new TicketFact(event.at(), TicketFact.Kind.MERGED, null));
        default -> { }
      }
    }
    return new TicketHistory(initial, facts);
  }
}
