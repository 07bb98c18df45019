package io.switchboard.server.ticket;

import io.switchboard.server.store.sla.SlaClockRow;
import java.util.List;

/**
 * A ticket's SLA as its page shows it: the policy that applies and every clock cycle as last
 * computed (the console counts down from the deadlines).
 *
 * <p>Immutable and thread-safe.
 */
public record TicketSla(Long policyId, String policyName, List<SlaClockRow> clocks) {
  public TicketSla {
    clocks = List.copyOf(clocks);
  }
}
