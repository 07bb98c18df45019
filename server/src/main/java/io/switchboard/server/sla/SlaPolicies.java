package io.switchboard.server.sla;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses a ticket's SLA policy: the first, by position and then id, whose conditions match.
 *
 * <p>Stateless and thread-safe.
 */
public final class SlaPolicies {
  private SlaPolicies() {}

  public static Optional<SlaPolicy> first(List<SlaPolicy> policies, TicketAttributes ticket) {
    return policies.stream()
        .sorted(Comparator.comparingInt(SlaPolicy::position).thenComparingLong(SlaPolicy::id))
        .filter(policy -> policy.conditions().matches(ticket))
        .findFirst();
  }
}
