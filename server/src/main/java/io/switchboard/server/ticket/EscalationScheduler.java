package io.switchboard.server.ticket;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.sla.SlaFired;
import io.switchboard.server.store.ticket.Ticket;
import io.switchboard.server.util.CycleCount;
import io.switchboard.server.util.Periodic;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each node's timekeeper for tickets: fires the SLA at-risk and breach events that are due (each
 * exactly once across all nodes, see {@code SlaEscalations}), then tells the people who work the
 * ticket, and closes solved tickets whose site's auto-close period has passed.
 *
 * <p>Thread-safe: runs on its own single thread; {@link #cycleCount} may be read from any thread.
 */
public final class EscalationScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EscalationScheduler.class);
  private static final int BATCH = 100;

  private final Stores stores;
  private final TicketService tickets;
  private final TicketNotifier notifier;
  private final Clock clock;
  private final String nodeId;
  private final long holdMillis;
  private final CycleCount cycleCount = new CycleCount();
  private volatile Periodic task;

  /** {@code holdMillis}: zero in service; fault tests hold the claim open to kill the node. */
  public EscalationScheduler(Stores stores, TicketService tickets, Clock clock, String nodeId,
      long holdMillis) {
    this.stores = stores;
    this.tickets = tickets;
    this.notifier = tickets.notifier();
    this.clock = clock;
    this.nodeId = nodeId;
    this.holdMillis = holdMillis;
  }

  public void start(Duration period) {
    task = Periodic.start("sla-escalation", period, period, () -> cycleCount.run(this::cycle));
  }

  public CycleCount cycleCount() {
    return cycleCount;
  }

  /** One pass: fire what is due, in batches, then close what is due to close. */
  void cycle() {
    List<SlaFired> fired;
    do {
      fired = stores.slaEscalations().fireDue(clock.instant(), BATCH, nodeId, holdMillis);
      fired.forEach(this::announce);
    } while (fired.size() == BATCH);
    List<UUID> toClose;
    do {
      toClose = stores.tickets().dueToClose(clock.instant(), BATCH);
      toClose.forEach(id -> tickets.machine().autoClose(id));
    } while (toClose.size() == BATCH);
  }

  private void announce(SlaFired event) {
    LOG.info("SLA {} of ticket {}: {} (cycle {})", event.kind(), event.ticketId(),
        event.metric(), event.cycle());
    Ticket before = stores.tickets().find(event.ticketId()).orElse(null);
    if (before == null) {
      return;
    }
    if (event.raisedTo() != null || event.movedTo() != null) {
      tickets.sla().recompute(event.ticketId());
      Ticket after = stores.tickets().find(event.ticketId()).orElseThrow();
      notifier.changed(before, after, event.raisedTo() != null ? "priority" : "queue", false,
          clock.instant());
      before = after;
    }
    if (event.alert()) {
      notifier.alert(before, new ServerMessage.SlaAlert(before.id().toString(), before.number(),
          before.subject(), event.metric(), event.kind(), event.deadline(), event.firedAt()));
    }
  }

  @Override
  public void close() {
    Periodic running = task;
    if (running != null) {
      running.close();
    }
  }
}
