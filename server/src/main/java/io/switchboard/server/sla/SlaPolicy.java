package io.switchboard.server.sla;

import io.switchboard.server.store.ticket.TicketChannel;
import io.switchboard.server.store.ticket.TicketPriority;
import io.switchboard.server.store.ticket.TicketType;
import java.util.Objects;
import java.util.Set;

/**
 * An SLA policy: when it applies, its targets, the calendar its clocks count on, when a clock is
 * at risk, and what happens on a breach.
 *
 * <p>Immutable and thread-safe.
 *
 * @param position policies are tried by position (lowest first), then id
 * @param calendarQueueId the queue whose business hours and holidays count; null: around the clock
 * @param warnPercent a clock is at risk when this share of its target (1-99) or less is left
 */
public record SlaPolicy(long id, String name, int position, Conditions conditions,
    SlaTargets targets, String calendarQueueId, int warnPercent, Actions actions) {

  /** What a ticket must have for the policy to apply; an empty set means any. */
  public record Conditions(Set<TicketPriority> priorities, Set<TicketType> types,
      Set<String> queues, Set<TicketChannel> channels, Set<String> contactTags) {
    public Conditions {
      priorities = Set.copyOf(priorities);
      types = Set.copyOf(types);
      queues = Set.copyOf(queues);
      channels = Set.copyOf(channels);
      contactTags = Set.copyOf(contactTags);
    }

    /** Matches anything. */
    public static Conditions any() {
      return new Conditions(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    /** Whether the ticket meets every condition (for tags: has any of the listed ones). */
    public boolean matches(TicketAttributes ticket) {
      return (priorities.isEmpty() || priorities.contains(ticket.priority()))
          && (types.isEmpty() || types.contains(ticket.type()))
          && (queues.isEmpty() || queues.contains(ticket.queueId()))
          && (channels.isEmpty() || channels.contains(ticket.channel()))
          && (contactTags.isEmpty()
              || ticket.contactTags().stream().anyMatch(contactTags::contains));
    }
  }

  /**
   * What a breach does: tell the people working the ticket ({@code alert}: at risk too), raise
   * its priority one step, move it to an escalation queue (null: stay).
   */
  public record Actions(boolean alert, boolean raisePriority, String escalationQueueId) {}

  public SlaPolicy {
    Objects.requireNonNull(conditions, "conditions");
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(actions, "actions");
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new IllegalArgumentException("name: 1 to 100 characters");
    }
    if (warnPercent < 1 || warnPercent > 99) {
      throw new IllegalArgumentException("warnPercent: between 1 and 99");
    }
  }

  /** The contracts' policy: any ticket, the default targets, around the clock, at risk at 25%. */
  public static SlaPolicy contractDefault(long id) {
    return new SlaPolicy(id, "Contract default", 1_000_000, Conditions.any(),
        SlaTargets.contractDefault(), null, 25, new Actions(true, false, null));
  }
}
