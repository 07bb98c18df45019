package io.switchboard.server.ticket;

import java.util.UUID;

/**
 * What the ticket state machine asks of the SLA side after every change: compute the ticket's
 * clocks again from its history and store them, with the next instant due.
 *
 * <p>Implementations are thread-safe.
 */
public interface TicketClocks {
  void recompute(UUID ticketId);
}
