package io.switchboard.server.sla;

import io.switchboard.server.store.ticket.TicketChannel;
import io.switchboard.server.store.ticket.TicketPriority;
import io.switchboard.server.store.ticket.TicketType;
import java.time.Duration;
import java.util.Map;
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
 * @param chatTargets the first and next response targets of live chats (a metric left out runs
 *     no clock)
 */
public record SlaPolicy(long id, String name, int position, Conditions conditions,
    SlaTargets targets, String calendarQueueId, int warnPercent, Actions actions,
    Map<SlaMetric, Duration> chatTargets) {

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
    chatTargets = Map.copyOf(chatTargets);
    chatTargets.forEach((metric, target) -> {
      if (metric != SlaMetric.FIRST_RESPONSE && metric != SlaMetric.NEXT_RESPONSE) {
        throw new IllegalArgumentException("chatTargets: only first_response and next_response");
      }
      if (target.isNegative() || target.isZero() || target.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("chatTargets." + metric.wire()
            + ": from one second to a day");
      }
    });
  }

  /** The chat targets as the engine reads them: every priority gets the same. */
  public SlaTargets chatClockTargets() {
    Map<SlaMetric, Map<TicketPriority, Duration>> targets = new java.util.EnumMap<>(
        SlaMetric.class);
    chatTargets.forEach((metric, target) -> {
      Map<TicketPriority, Duration> all = new java.util.EnumMap<>(TicketPriority.class);
      for (TicketPriority priority : TicketPriority.values()) {
        all.put(priority, target);
      }
      targets.put(metric, all);
    });
    return new SlaTargets(targets);
  }

  /** The contracts' policy: any ticket, the default targets, around the clock, at risk at 25%. */
  public static SlaPolicy contractDefault(long id) {
    return new SlaPolicy(id, "Contract default", 1_000_000, Conditions.any(),
        SlaTargets.contractDefault(), null, 25, new Actions(true, false, null),
        Map.of(SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(1),
            SlaMetric.NEXT_RESPONSE, Duration.ofMinutes(2)));
  }
}
