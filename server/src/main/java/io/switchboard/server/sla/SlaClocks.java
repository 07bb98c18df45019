package io.switchboard.server.sla;

import io.switchboard.server.store.ticket.TicketPriority;
import io.switchboard.server.store.ticket.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SLA engine: a ticket's clocks at an instant, as a pure function of its history, the targets
 * of its policy, the policy's business calendar and the warning share. Nothing is stored between
 * calls, so a changed calendar or policy simply computes again. The rules (also in the README):
 *
 * <table>
 *   <caption>When each clock starts, stops and pauses</caption>
 *   <tr><th>clock</th><th>starts</th><th>stops</th><th>pauses</th><th>cancelled</th></tr>
 *   <tr><td>first_response</td><td>created</td><td>first public agent reply</td><td>never</td>
 *       <td>solved, closed or merged before a reply</td></tr>
 *   <tr><td>next_response</td><td>a requester message after the first reply, no cycle open</td>
 *       <td>next public agent reply</td><td>never</td><td>solved, closed or merged</td></tr>
 *   <tr><td>initial_solution</td><td>created</td><td>a proposed solution or the first
 *       solve</td><td>pending, on hold</td><td>closed or merged unsolved</td></tr>
 *   <tr><td>resolution</td><td>created</td><td>solved (a reopen counts on)</td>
 *       <td>pending, on hold</td><td>closed unsolved, merged</td></tr>
 * </table>
 *
 * <p>A clock is measured against the target of the ticket's current priority while open (a
 * priority without a target cancels it); a stopped clock keeps the target it stopped with. It is
 * breached once its business time reaches the target (from the deadline instant on), and at risk
 * once {@code warnFraction} of the target or less is left. Only facts at or before {@code now}
 * count.
 *
 * <p>Stateless and thread-safe.
 */
public final class SlaClocks {
  private SlaClocks() {}

  public static List<SlaClock> compute(TicketHistory history, SlaTargets targets,
      BusinessCalendar calendar, double warnFraction, Instant now) {
    if (!(warnFraction > 0 && warnFraction < 1)) {
      throw new IllegalArgumentException("warnFraction: between 0 and 1");
    }
    Walk walk = new Walk(targets, history.initialPriority());
    for (TicketFact fact : history.facts()) {
      if (fact.at().isAfter(now)) {
        break;
      }
      walk.apply(fact);
    }
    List<SlaClock> clocks = new ArrayList<>();
    for (ClockCycle cycle : walk.cycles) {
      clocks.add(result(cycle, walk.target(cycle.metric), calendar, warnFraction, now));
    }
    clocks.sort(Comparator.comparing(SlaClock::metric).thenComparingInt(SlaClock::cycle));
    return clocks;
  }

  private static SlaClock result(ClockCycle cycle, Optional<Duration> current,
      BusinessCalendar calendar, double warnFraction, Instant now) {
    Duration target = cycle.open() ? current.orElseThrow() : cycle.finalTarget;
    Duration elapsed = cycle.elapsed(calendar, now);
    boolean breached = elapsed.compareTo(target) >= 0;
    Duration warnAt = Duration.ofMillis(Math.round(target.toMillis() * (1 - warnFraction)));
    Instant deadline = cycle.instantAt(calendar, target, !cycle.open());
    Instant atRiskAt = cycle.instantAt(calendar, warnAt, !cycle.open());
    ClockState state;
    if (cycle.cancelled) {
      state = ClockState.CANCELLED;
    } else if (!cycle.open()) {
      state = breached ? ClockState.BREACHED : ClockState.MET;
    } else if (breached) {
      state = ClockState.BREACHED;
    } else if (!cycle.running()) {
      state = ClockState.PAUSED;
    } else {
      state = elapsed.compareTo(warnAt) >= 0 ? ClockState.AT_RISK : ClockState.RUNNING;
    }
    return new SlaClock(cycle.metric, cycle.cycle, state, cycle.startedAt, cycle.stoppedAt,
        target, elapsed, atRiskAt, deadline, breached && !cycle.cancelled);
  }

  /** The state of one walk through a history. Not thread-safe. */
  private static final class Walk {
    private final SlaTargets targets;
    private final List<ClockCycle> cycles = new ArrayList<>();
    private final Map<SlaMetric, ClockCycle> latest = new EnumMap<>(SlaMetric.class);
    private TicketPriority priority;
    private TicketStatus status;
    private boolean replied;

    Walk(SlaTargets targets, TicketPriority priority) {
      this.targets = targets;
      this.priority = priority;
    }

    Optional<Duration> target(SlaMetric metric) {
      return targets.target(metric, priority);
    }

    void apply(TicketFact fact) {
      Instant at = fact.at();
      switch (fact.kind()) {
        case CREATED -> {
          status = TicketStatus.fromWire(fact.value());
          start(SlaMetric.FIRST_RESPONSE, at);
          start(SlaMetric.INITIAL_SOLUTION, at);
          start(SlaMetric.RESOLUTION, at);
        }
        case STATUS -> status(TicketStatus.fromWire(fact.value()), at);
        case PRIORITY -> {
          priority = TicketPriority.fromWire(fact.value());
          for (ClockCycle cycle : latest.values()) {
            if (cycle.open() && target(cycle.metric).isEmpty()) {
              cycle.stop(at, Duration.ZERO, true);
            }
          }
        }
        case AGENT_REPLY -> {
          stop(SlaMetric.FIRST_RESPONSE, at);
          stop(SlaMetric.NEXT_RESPONSE, at);
          replied = true;
        }
        case CUSTOMER_MESSAGE -> {
          ClockCycle next = latest.get(SlaMetric.NEXT_RESPONSE);
          if (replied && status != TicketStatus.CLOSED && (next == null || !next.open())) {
            start(SlaMetric.NEXT_RESPONSE, at);
          }
        }
        case SOLUTION_PROPOSED -> stop(SlaMetric.INITIAL_SOLUTION, at);
        case MERGED -> latest.values().forEach(cycle -> cancel(cycle, at));
      }
    }

    private void status(TicketStatus to, Instant at) {
      TicketStatus from = status;
      status = to;
      if (to == TicketStatus.SOLVED) {
        cancel(latest.get(SlaMetric.FIRST_RESPONSE), at);
        cancel(latest.get(SlaMetric.NEXT_RESPONSE), at);
        stop(SlaMetric.INITIAL_SOLUTION, at);
        stop(SlaMetric.RESOLUTION, at);
        return;
      }
      if (to == TicketStatus.CLOSED) {
        latest.values().forEach(cycle -> cancel(cycle, at));
        return;
      }
      ClockCycle resolution = latest.get(SlaMetric.RESOLUTION);
      if (from == TicketStatus.SOLVED && resolution != null && !resolution.cancelled
          && target(SlaMetric.RESOLUTION).isPresent()) {
        resolution.reopen(at, pauses(SlaMetric.RESOLUTION));
      }
      for (ClockCycle cycle : latest.values()) {
        if (pauses(cycle.metric)) {
          cycle.pause(at);
        } else {
          cycle.resume(at);
        }
      }
    }

    private boolean pauses(SlaMetric metric) {
      return metric.pausable()
          && (status == TicketStatus.PENDING || status == TicketStatus.ON_HOLD);
    }

    private void start(SlaMetric metric, Instant at) {
      if (target(metric).isEmpty()) {
        return;
      }
      ClockCycle previous = latest.get(metric);
      ClockCycle cycle = new ClockCycle(metric, previous == null ? 1 : previous.cycle + 1, at,
          pauses(metric));
      cycles.add(cycle);
      latest.put(metric, cycle);
    }

    private void stop(SlaMetric metric, Instant at) {
      ClockCycle cycle = latest.get(metric);
      if (cycle != null && cycle.open()) {
        cycle.stop(at, target(metric).orElseThrow(), false);
      }
    }

    /** Cancels an open cycle; a solved resolution that closes keeps its result. */
    private void cancel(ClockCycle cycle, Instant at) {
      if (cycle != null && cycle.open()) {
        cycle.stop(at, target(cycle.metric).orElse(Duration.ZERO), true);
      }
    }
  }
}
