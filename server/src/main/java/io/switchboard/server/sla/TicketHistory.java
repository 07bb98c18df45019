package io.switchboard.server.sla;

import io.switchboard.server.store.ticket.TicketPriority;
import java.util.List;
import java.util.Objects;

/**
 * A ticket's history as SLA clocks read it: the priority it was opened with and its facts in
 * time order, the first being {@link TicketFact.Kind#CREATED}.
 *
 * <p>Immutable and thread-safe.
 */
public record TicketHistory(TicketPriority initialPriority, List<TicketFact> facts) {
  public TicketHistory {
    Objects.requireNonNull(initialPriority, "initialPriority");
    facts = List.copyOf(facts);
    if (facts.isEmpty() || facts.get(0).kind() != TicketFact.Kind.CREATED) {
      throw new IllegalArgumentException("a history starts with CREATED");
    }
    for (int i = 1; i < facts.size(); i++) {
      if (facts.get(i).at().isBefore(facts.get(i - 1).at())) {
        throw new IllegalArgumentException("facts are in time order");
      }
    }
  }
}
