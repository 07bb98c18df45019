package io.switchboard.server.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.store.ticket.TicketPriority;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Derived data proven against the truth: for randomized ticket histories (moves allowed by the
 * workflow, replies, requester messages, proposed solutions, priority changes, merges) on
 * randomized targets and calendars (around the clock, office hours with holidays, hours that
 * span the DST changes of New York, Shanghai's), every clock {@link SlaClocks} computes equals
 * the one {@link MinuteSimulation} counts minute by minute: state, elapsed time, breach, stop,
 * target, deadline and at-risk instant.
 */
class SlaClocksPropertyTest {
  private static final int HISTORIES = 300;
  private static final List<Instant> STARTS = List.of(
      Instant.parse("2031-03-08T20:00:00Z"), Instant.parse("2031-03-28T07:00:00Z"),
      Instant.parse("2031-10-24T12:00:00Z"), Instant.parse("2031-11-01T18:00:00Z"),
      Instant.parse("2031-06-13T15:30:00Z"), Instant.parse("2031-09-30T01:00:00Z"));
  private static final List<String> STATUSES =
      List.of("new", "open", "pending", "on_hold", "solved", "closed");
  private static final Map<String, List<String>> NEXT = Map.of(
      "new", List.of("open", "pending", "on_hold", "solved"),
      "open", List.of("pending", "on_hold", "solved"),
      "pending", List.of("open", "on_hold", "solved"),
      "on_hold", List.of("open", "pending", "solved"),
      "solved", List.of("open", "closed"));

  @Test
  void everyClockEqualsTheMinuteByMinuteCount() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int i = 0; i < HISTORIES; i++) {
      TicketHistory history = history(random);
      SlaTargets targets = targets(random);
      BusinessCalendar calendar = calendar(random);
      List<TicketFact> facts = history.facts();
      Instant now = facts.get(facts.size() - 1).at()
          .plus(Duration.ofMinutes(random.nextInt(2000)));
      String context = "seed " + seed + ", history " + i + ": " + facts + " on " + calendar
          + " with " + targets + " at " + now;
      compare(history, targets, calendar, now, context);
    }
  }

  private static void compare(TicketHistory history, SlaTargets targets,
      BusinessCalendar calendar, Instant now, String context) {
    List<SlaClock> computed = SlaClocks.compute(history, targets, calendar, 0.25, now);
    MinuteSimulation simulation = new MinuteSimulation(targets, calendar);
    simulation.run(history, now);
    List<MinuteSimulation.Cycle> counted = new ArrayList<>(simulation.cycles);
    counted.sort((a, b) -> a.metric != b.metric ? a.metric.compareTo(b.metric)
        : Integer.compare(a.number, b.number));
    assertThat(computed).as(context).hasSize(counted.size());
    for (int c = 0; c < counted.size(); c++) {
      MinuteSimulation.Cycle truth = counted.get(c);
      SlaClock clock = computed.get(c);
      String what = context + "\n" + clock;
      Duration target = simulation.target(truth);
      Duration elapsed = Duration.ofMinutes(truth.counted.size());
      boolean breached = !truth.cancelled && elapsed.compareTo(target) >= 0;
      assertThat(clock.metric()).as(what).isEqualTo(truth.metric);
      assertThat(clock.cycle()).as(what).isEqualTo(truth.number);
      assertThat(clock.startedAt()).as(what).isEqualTo(truth.startedAt);
      assertThat(clock.stoppedAt()).as(what).isEqualTo(truth.stoppedAt);
      assertThat(clock.elapsed()).as(what).isEqualTo(elapsed);
      assertThat(clock.breached()).as(what).isEqualTo(breached);
      if (!truth.cancelled) {
        assertThat(clock.target()).as(what).isEqualTo(target);
      }
      assertThat(clock.state()).as(what).isEqualTo(state(simulation, truth, target, elapsed));
      if (truth.open()) {
        Duration warn = target.multipliedBy(3).dividedBy(4);
        boolean paused = simulation.paused(truth.metric);
        Instant deadline = paused ? truth.reached(target)
            : simulation.continueUntil(truth, now, target);
        assertThat(clock.deadline()).as(what).isEqualTo(deadline);
        assertThat(clock.atRiskAt()).as(what).isEqualTo(truth.reached(warn));
      }
    }
  }

  private static ClockState state(MinuteSimulation simulation, MinuteSimulation.Cycle truth,
      Duration target, Duration elapsed) {
    if (truth.cancelled) {
      return ClockState.CANCELLED;
    }
    boolean breached = elapsed.compareTo(target) >= 0;
    if (!truth.open()) {
      return breached ? ClockState.BREACHED : ClockState.MET;
    }
    if (breached) {
      return ClockState.BREACHED;
    }
    if (simulation.paused(truth.metric)) {
      return ClockState.PAUSED;
    }
    return elapsed.compareTo(target.multipliedBy(3).dividedBy(4)) >= 0 ? ClockState.AT_RISK
        : ClockState.RUNNING;
  }

  /** A history the workflow allows, on whole minutes. */
  private static TicketHistory history(Random random) {
    Instant at = STARTS.get(random.nextInt(STARTS.size()))
        .plus(Duration.ofMinutes(random.nextInt(600)));
    TicketPriority priority = TicketPriority.values()[random.nextInt(4)];
    List<TicketFact> facts = new ArrayList<>();
    facts.add(new TicketFact(at, TicketFact.Kind.CREATED, "new"));
    String status = "new";
    int steps = 2 + random.nextInt(18);
    for (int step = 0; step < steps && !status.equals("closed"); step++) {
      at = at.plus(Duration.ofMinutes(random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(720)));
      int action = random.nextInt(20);
      if (action < 6) {
        facts.add(new TicketFact(at, TicketFact.Kind.AGENT_REPLY, null));
        if (random.nextInt(4) == 0) {
          facts.add(new TicketFact(at, TicketFact.Kind.SOLUTION_PROPOSED, null));
        }
        if (status.equals("new")) {
          status = move(facts, at, "open");
        }
      } else if (action < 11) {
        facts.add(new TicketFact(at, TicketFact.Kind.CUSTOMER_MESSAGE, null));
        if (status.equals("pending") || status.equals("solved")) {
          status = move(facts, at, "open");
        }
      } else if (action < 17) {
        List<String> next = NEXT.get(status);
        status = move(facts, at, next.get(random.nextInt(next.size())));
      } else if (action < 19) {
        facts.add(new TicketFact(at, TicketFact.Kind.PRIORITY,
            TicketPriority.values()[random.nextInt(4)].wire()));
      } else {
        facts.add(new TicketFact(at, TicketFact.Kind.MERGED, null));
        status = move(facts, at, "closed");
      }
    }
    return new TicketHistory(priority, facts);
  }

  private static String move(List<TicketFact> facts, Instant at, String to) {
    assertThat(STATUSES).contains(to);
    facts.add(new TicketFact(at, TicketFact.Kind.STATUS, to));
    return to;
  }

  /** Targets of whole minutes whose warning point (75%) is a whole minute too; a few missing. */
  private static SlaTargets targets(Random random) {
    long[] minutes = {4, 8, 12, 60, 120, 480};
    Map<SlaMetric, Map<TicketPriority, Duration>> targets = new EnumMap<>(SlaMetric.class);
    for (SlaMetric metric : SlaMetric.values()) {
      Map<TicketPriority, Duration> byPriority = new EnumMap<>(TicketPriority.class);
      for (TicketPriority priority : TicketPriority.values()) {
        if (random.nextInt(10) > 0) {
          byPriority.put(priority, Duration.ofMinutes(minutes[random.nextInt(minutes.length)]));
        }
      }
      targets.put(metric, byPriority);
    }
    return new SlaTargets(targets);
  }

  private static BusinessCalendar calendar(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> BusinessCalendar.allHours();
      case 1 -> new BusinessCalendar(ZoneId.of("Europe/Berlin"),
          days(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
              DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), "09:00", "17:00"),
          Set.of(LocalDate.parse("2031-03-31"), LocalDate.parse("2031-10-27")));
      case 2 -> {
        List<BusinessCalendar.Slot> slots = new ArrayList<>(
            days(List.of(DayOfWeek.values()), "00:00", "06:00"));
        slots.addAll(days(List.of(DayOfWeek.values()), "22:00", "23:59"));
        yield new BusinessCalendar(ZoneId.of("America/New_York"), slots, Set.of());
      }
      default -> new BusinessCalendar(ZoneId.of("Asia/Shanghai"),
          days(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
              DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), "09:00", "18:00"),
          Set.of(LocalDate.parse("2031-10-01")));
    };
  }

  private static List<BusinessCalendar.Slot> days(List<DayOfWeek> days, String opens,
      String closes) {
    return days.stream().map(day -> new BusinessCalendar.Slot(day, LocalTime.parse(opens),
        LocalTime.parse(closes))).toList();
  }
}
