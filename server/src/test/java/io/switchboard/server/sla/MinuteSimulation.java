package io.switchboard.server.sla;

import io.switchboard.server.store.ticket.TicketPriority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SLA rules of the README, applied from scratch one minute at a time: each minute, first the
 * facts of that minute, then every clock that is open, not paused and inside business hours (as
 * {@link BusinessCalendar#isOpen} says for the minute's first instant) counts the minute. It
 * shares nothing with {@link SlaClocks} but the calendar's opening hours, so the two can be
 * compared. Facts must fall on whole minutes.
 *
 * <p>Not thread-safe: one simulation per history.
 */
final class MinuteSimulation {
  /** A simulated clock cycle: the ends of its counted minutes, and how it ended. */
  static final class Cycle {
    final SlaMetric metric;
    final int number;
    final Instant startedAt;
    final List<Instant> counted = new ArrayList<>();
    Instant stoppedAt;
    boolean cancelled;
    Duration frozenTarget;

    Cycle(SlaMetric metric, int number, Instant startedAt) {
      this.metric = metric;
      this.number = number;
      this.startedAt = startedAt;
    }

    boolean open() {
      return stoppedAt == null;
    }

    /** When the {@code amount}-th minute was counted, or null when it was not (yet). */
    Instant reached(Duration amount) {
      long minutes = amount.toMinutes();
      return minutes >= 1 && minutes <= counted.size() ? counted.get((int) minutes - 1) : null;
    }
  }

  private final SlaTargets targets;
  private final BusinessCalendar calendar;
  private final Map<Instant, Boolean> open = new HashMap<>();
  final List<Cycle> cycles = new ArrayList<>();
  private final Map<SlaMetric, Cycle> latest = new EnumMap<>(SlaMetric.class);
  TicketPriority priority;
  private String status;
  private boolean replied;

  MinuteSimulation(SlaTargets targets, BusinessCalendar calendar) {
    this.targets = targets;
    this.calendar = calendar;
  }

  /** Runs the history up to {@code now}. */
  void run(TicketHistory history, Instant now) {
    priority = history.initialPriority();
    int next = 0;
    List<TicketFact> facts = history.facts();
    for (Instant minute = facts.get(0).at(); minute.isBefore(now);
        minute = minute.plus(Duration.ofMinutes(1))) {
      while (next < facts.size() && !facts.get(next).at().isAfter(minute)) {
        apply(facts.get(next++));
      }
      count(minute);
    }
    while (next < facts.size() && !facts.get(next).at().isAfter(now)) {
      apply(facts.get(next++));
    }
  }

  /** Keeps counting an open, running cycle with no further facts until it has counted {@code amount}. */
  Instant continueUntil(Cycle cycle, Instant now, Duration amount) {
    Instant minute = now;
    for (int i = 0; i < 60 * 24 * 400 && cycle.counted.size() < amount.toMinutes(); i++) {
      if (isOpen(minute)) {
        cycle.counted.add(minute.plus(Duration.ofMinutes(1)));
      }
      minute = minute.plus(Duration.ofMinutes(1));
    }
    return cycle.reached(amount);
  }

  boolean paused(SlaMetric metric) {
    return (metric == SlaMetric.INITIAL_SOLUTION || metric == SlaMetric.RESOLUTION)
        && (status.equals("pending") || status.equals("on_hold"));
  }

  Duration target(Cycle cycle) {
    return cycle.open() ? targets.target(cycle.metric, priority).orElseThrow()
        : cycle.frozenTarget;
  }

  private void count(Instant minute) {
    if (!isOpen(minute)) {
      return;
    }
    for (Cycle cycle : latest.values()) {
      if (cycle.open() && !paused(cycle.metric)) {
        cycle.counted.add(minute.plus(Duration.ofMinutes(1)));
      }
    }
  }

  private boolean isOpen(Instant minute) {
    return open.computeIfAbsent(minute, calendar::isOpen);
  }

  private void apply(TicketFact fact) {
    Instant at = fact.at();
    switch (fact.kind()) {
      case CREATED -> {
        status = fact.value();
        for (SlaMetric metric : List.of(SlaMetric.FIRST_RESPONSE, SlaMetric.INITIAL_SOLUTION,
            SlaMetric.RESOLUTION)) {
          begin(metric, at);
        }
      }
      case PRIORITY -> {
        priority = TicketPriority.fromWire(fact.value());
        latest.values().forEach(cycle -> {
          if (cycle.open() && targets.target(cycle.metric, priority).isEmpty()) {
            end(cycle, at, true);
          }
        });
      }
      case AGENT_REPLY -> {
        end(latest.get(SlaMetric.FIRST_RESPONSE), at, false);
        end(latest.get(SlaMetric.NEXT_RESPONSE), at, false);
        replied = true;
      }
      case CUSTOMER_MESSAGE -> {
        Cycle next = latest.get(SlaMetric.NEXT_RESPONSE);
        if (replied && !status.equals("closed") && (next == null || !next.open())) {
          begin(SlaMetric.NEXT_RESPONSE, at);
        }
      }
      case SOLUTION_PROPOSED -> end(latest.get(SlaMetric.INITIAL_SOLUTION), at, false);
      case MERGED -> latest.values().forEach(cycle -> end(cycle, at, true));
      case STATUS -> status(fact.value(), at);
    }
  }

  private void status(String to, Instant at) {
    String from = status;
    status = to;
    switch (to) {
      case "solved" -> {
        end(latest.get(SlaMetric.FIRST_RESPONSE), at, true);
        end(latest.get(SlaMetric.NEXT_RESPONSE), at, true);
        end(latest.get(SlaMetric.INITIAL_SOLUTION), at, false);
        end(latest.get(SlaMetric.RESOLUTION), at, false);
      }
      case "closed" -> latest.values().forEach(cycle -> end(cycle, at, true));
      default -> {
        Cycle resolution = latest.get(SlaMetric.RESOLUTION);
        if (from.equals("solved") && resolution != null && !resolution.cancelled
            && targets.target(SlaMetric.RESOLUTION, priority).isPresent()) {
          resolution.stoppedAt = null;
          resolution.frozenTarget = null;
        }
      }
    }
  }

  private void begin(SlaMetric metric, Instant at) {
    if (targets.target(metric, priority).isEmpty()) {
      return;
    }
    Cycle previous = latest.get(metric);
    Cycle cycle = new Cycle(metric, previous == null ? 1 : previous.number + 1, at);
    cycles.add(cycle);
    latest.put(metric, cycle);
  }

  private void end(Cycle cycle, Instant at, boolean cancel) {
    if (cycle != null && cycle.open()) {
      cycle.frozenTarget = targets.target(cycle.metric, priority).orElse(Duration.ZERO);
      cycle.stoppedAt = at;
      cycle.cancelled = cancel;
    }
  }
}
