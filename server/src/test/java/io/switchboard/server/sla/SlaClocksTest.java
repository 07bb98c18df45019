package io.switchboard.server.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.store.ticket.TicketPriority;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The clock arithmetic on named cases, with fixed instants: a weekend, a holiday, the DST changes
 * of New York and Berlin, Shanghai, a pause across closing time, a reopen, priority changes, a
 * calendar change, and the exact breach and at-risk instants.
 */
class SlaClocksTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final List<DayOfWeek> WEEKDAYS = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
      DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
  private static final SlaTargets CONTRACT = SlaTargets.contractDefault();

  @Test
  void aTicketOnFridayAfternoonIsDueOnMondayAndAfterAHolidayOnTuesday() {
    Instant friday = at(BERLIN, "2031-03-07T16:30");
    assertThat(clock(CONTRACT, office(BERLIN, Set.of()), friday, friday, SlaMetric.FIRST_RESPONSE)
        .deadline()).isEqualTo(at(BERLIN, "2031-03-10T09:30"));
    BusinessCalendar mondayOff = office(BERLIN, Set.of(LocalDate.parse("2031-03-10")));
    assertThat(clock(CONTRACT, mondayOff, friday, friday, SlaMetric.FIRST_RESPONSE).deadline())
        .isEqualTo(at(BERLIN, "2031-03-11T09:30"));
  }

  @Test
  void daylightSavingChangesCountTheHoursTheDayReallyHas() {
    // Nights from midnight to six: 5 hours on the spring-forward night, 7 in the autumn.
    BusinessCalendar nights = new BusinessCalendar(NEW_YORK, slots(List.of(DayOfWeek.values()),
        "00:00", "06:00"), Set.of());
    SlaTargets fiveHours = targets(SlaMetric.RESOLUTION, Duration.ofHours(5));
    Instant march = at(NEW_YORK, "2031-03-09T00:00");
    assertThat(clock(fiveHours, nights, march, march, SlaMetric.RESOLUTION).deadline())
        .isEqualTo(at(NEW_YORK, "2031-03-09T06:00")).isEqualTo(march.plus(Duration.ofHours(5)));
    SlaTargets sevenHours = targets(SlaMetric.RESOLUTION, Duration.ofHours(7));
    Instant november = at(NEW_YORK, "2031-11-02T00:00");
    assertThat(clock(sevenHours, nights, november, november, SlaMetric.RESOLUTION).deadline())
        .isEqualTo(november.plus(Duration.ofHours(7)));
    // Berlin, around the clock: a day of 23 hours, then one of 25.
    BusinessCalendar berlin = new BusinessCalendar(BERLIN, List.of(), Set.of());
    SlaTargets day = targets(SlaMetric.RESOLUTION, Duration.ofHours(24));
    Instant spring = at(BERLIN, "2031-03-30T00:00");
    assertThat(clock(day, berlin, spring, spring, SlaMetric.RESOLUTION).deadline())
        .isEqualTo(at(BERLIN, "2031-03-31T01:00"));
    Instant autumn = at(BERLIN, "2031-10-26T00:00");
    assertThat(clock(day, berlin, autumn, autumn, SlaMetric.RESOLUTION).deadline())
        .isEqualTo(at(BERLIN, "2031-10-26T23:00"));
  }

  @Test
  void shanghaiHasNoDaylightSavingAndClosesAtSix() {
    BusinessCalendar shanghai = new BusinessCalendar(SHANGHAI, slots(WEEKDAYS, "09:00", "18:00"),
        Set.of());
    Instant afternoon = at(SHANGHAI, "2031-03-07T16:00");
    assertThat(clock(CONTRACT, shanghai, afternoon, afternoon, SlaMetric.INITIAL_SOLUTION)
        .deadline()).isEqualTo(at(SHANGHAI, "2031-03-10T11:00"));
  }

  @Test
  void aPauseAcrossClosingTimeCountsNothingUntilItEnds() {
    BusinessCalendar office = office(BERLIN, Set.of());
    Instant monday = at(BERLIN, "2031-03-03T16:00");
    List<TicketFact> facts = new ArrayList<>(List.of(created(monday),
        status(at(BERLIN, "2031-03-03T16:30"), "pending"),
        status(at(BERLIN, "2031-03-04T10:00"), "open")));
    SlaClock paused = clock(CONTRACT, office, facts.subList(0, 2), at(BERLIN, "2031-03-04T09:45"),
        SlaMetric.RESOLUTION);
    assertThat(paused.state()).isEqualTo(ClockState.PAUSED);
    assertThat(paused.elapsed()).isEqualTo(Duration.ofMinutes(30));
    assertThat(paused.deadline()).isNull();
    SlaClock resumed = clock(CONTRACT, office, facts, at(BERLIN, "2031-03-04T10:00"),
        SlaMetric.RESOLUTION);
    // 24 business hours of 8-hour days: 30 minutes on Monday, 7 h on Tuesday from 10:00, 8 h on
    // Wednesday and Thursday, and the last 30 minutes on Friday morning.
    assertThat(resumed.deadline()).isEqualTo(at(BERLIN, "2031-03-07T09:30"));
    // The first response never pauses.
    assertThat(clock(CONTRACT, office, facts, at(BERLIN, "2031-03-04T10:00"),
        SlaMetric.FIRST_RESPONSE).state()).isEqualTo(ClockState.BREACHED);
  }

  @Test
  void aReopenCountsOnFromTheTimeTheResolutionHad() {
    BusinessCalendar always = BusinessCalendar.allHours();
    Instant t = Instant.parse("2031-05-05T08:00:00Z");
    List<TicketFact> facts = List.of(created(t), status(t.plus(hours(20)), "solved"),
        status(t.plus(hours(30)), "open"), status(t.plus(hours(35)), "solved"));
    SlaClock solved = clock(CONTRACT, always, facts.subList(0, 2), t.plus(hours(25)),
        SlaMetric.RESOLUTION);
    assertThat(solved.state()).isEqualTo(ClockState.MET);
    SlaClock reopened = clock(CONTRACT, always, facts.subList(0, 3), t.plus(hours(31)),
        SlaMetric.RESOLUTION);
    assertThat(reopened.open()).isTrue();
    assertThat(reopened.elapsed()).isEqualTo(hours(21));
    assertThat(reopened.deadline()).isEqualTo(t.plus(hours(34)));
    SlaClock late = clock(CONTRACT, always, facts, t.plus(hours(40)), SlaMetric.RESOLUTION);
    assertThat(late.state()).isEqualTo(ClockState.BREACHED);
    assertThat(late.elapsed()).isEqualTo(hours(25));
  }

  @Test
  void aPriorityChangeMeasuresAgainstTheNewTargetFromTheStart() {
    BusinessCalendar always = BusinessCalendar.allHours();
    Instant t = Instant.parse("2031-05-05T08:00:00Z");
    TicketFact urgent = new TicketFact(t.plus(minutes(10)), TicketFact.Kind.PRIORITY, "urgent");
    TicketFact low = new TicketFact(t.plus(minutes(20)), TicketFact.Kind.PRIORITY, "low");
    assertThat(clock(CONTRACT, always, List.of(created(t), urgent), t.plus(minutes(10)),
        SlaMetric.FIRST_RESPONSE).deadline()).isEqualTo(t.plus(minutes(15)));
    assertThat(clock(CONTRACT, always, List.of(created(t), urgent, low), t.plus(minutes(20)),
        SlaMetric.FIRST_RESPONSE).deadline()).isEqualTo(t.plus(hours(2)));
    // A stopped clock keeps the target it stopped with.
    TicketFact reply = new TicketFact(t.plus(minutes(30)), TicketFact.Kind.AGENT_REPLY, null);
    TicketFact urgentAgain = new TicketFact(t.plus(minutes(40)), TicketFact.Kind.PRIORITY,
        "urgent");
    SlaClock met = clock(CONTRACT, always, List.of(created(t), urgent, low, reply, urgentAgain),
        t.plus(minutes(50)), SlaMetric.FIRST_RESPONSE);
    assertThat(met.state()).isEqualTo(ClockState.MET);
    assertThat(met.target()).isEqualTo(hours(2));
  }

  @Test
  void aCalendarChangeComputesAnotherDeadlineFromTheSameHistory() {
    Instant friday = at(BERLIN, "2031-03-07T16:30");
    assertThat(clock(CONTRACT, BusinessCalendar.allHours(), friday, friday,
        SlaMetric.FIRST_RESPONSE).deadline()).isEqualTo(friday.plus(hours(1)));
    assertThat(clock(CONTRACT, office(BERLIN, Set.of()), friday, friday,
        SlaMetric.FIRST_RESPONSE).deadline()).isEqualTo(at(BERLIN, "2031-03-10T09:30"));
  }

  @Test
  void theBreachAndTheWarningFallOnTheirExactInstants() {
    Instant t = Instant.parse("2031-05-05T08:00:00Z");
    BusinessCalendar always = BusinessCalendar.allHours();
    Instant deadline = t.plus(hours(1));
    Instant warning = t.plus(minutes(45));
    assertThat(clock(CONTRACT, always, t, warning.minusNanos(1), SlaMetric.FIRST_RESPONSE)
        .state()).isEqualTo(ClockState.RUNNING);
    assertThat(clock(CONTRACT, always, t, warning, SlaMetric.FIRST_RESPONSE).state())
        .isEqualTo(ClockState.AT_RISK);
    SlaClock before = clock(CONTRACT, always, t, deadline.minusNanos(1), SlaMetric.FIRST_RESPONSE);
    assertThat(before.breached()).isFalse();
    assertThat(before.atRiskAt()).isEqualTo(warning);
    SlaClock at = clock(CONTRACT, always, t, deadline, SlaMetric.FIRST_RESPONSE);
    assertThat(at.breached()).isTrue();
    assertThat(at.state()).isEqualTo(ClockState.BREACHED);
    assertThat(at.deadline()).isEqualTo(deadline);
  }

  @Test
  void nextResponseCyclesStartOnRequesterMessagesAfterTheFirstReply() {
    Instant t = Instant.parse("2031-05-05T08:00:00Z");
    List<TicketFact> facts = List.of(created(t),
        new TicketFact(t.plus(minutes(5)), TicketFact.Kind.CUSTOMER_MESSAGE, null),
        new TicketFact(t.plus(minutes(10)), TicketFact.Kind.AGENT_REPLY, null),
        new TicketFact(t.plus(minutes(20)), TicketFact.Kind.CUSTOMER_MESSAGE, null),
        new TicketFact(t.plus(minutes(30)), TicketFact.Kind.AGENT_REPLY, null),
        new TicketFact(t.plus(minutes(40)), TicketFact.Kind.CUSTOMER_MESSAGE, null),
        status(t.plus(minutes(50)), "solved"));
    List<SlaClock> next = SlaClocks.compute(new TicketHistory(TicketPriority.NORMAL, facts),
            CONTRACT, BusinessCalendar.allHours(), 0.25, t.plus(hours(1))).stream()
        .filter(c -> c.metric() == SlaMetric.NEXT_RESPONSE).toList();
    assertThat(next).extracting(SlaClock::cycle, SlaClock::state, SlaClock::elapsed)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, ClockState.MET, minutes(10)),
            org.assertj.core.groups.Tuple.tuple(2, ClockState.CANCELLED, minutes(10)));
    // Solved without any reply: the first response is cancelled, not met.
    SlaClock first = clock(CONTRACT, BusinessCalendar.allHours(),
        List.of(created(t), status(t.plus(minutes(5)), "solved")), t.plus(hours(1)),
        SlaMetric.FIRST_RESPONSE);
    assertThat(first.state()).isEqualTo(ClockState.CANCELLED);
    assertThat(first.breached()).isFalse();
  }

  private static SlaClock clock(SlaTargets targets, BusinessCalendar calendar, Instant created,
      Instant now, SlaMetric metric) {
    return clock(targets, calendar, List.of(created(created)), now, metric);
  }

  private static SlaClock clock(SlaTargets targets, BusinessCalendar calendar,
      List<TicketFact> facts, Instant now, SlaMetric metric) {
    return SlaClocks.compute(new TicketHistory(TicketPriority.NORMAL, facts), targets, calendar,
        0.25, now).stream().filter(c -> c.metric() == metric).reduce((a, b) -> b).orElseThrow();
  }

  private static TicketFact created(Instant at) {
    return new TicketFact(at, TicketFact.Kind.CREATED, "new");
  }

  private static TicketFact status(Instant at, String status) {
    return new TicketFact(at, TicketFact.Kind.STATUS, status);
  }

  private static SlaTargets targets(SlaMetric metric, Duration normal) {
    return new SlaTargets(Map.of(metric, Map.of(TicketPriority.NORMAL, normal)));
  }

  private static BusinessCalendar office(ZoneId zone, Set<LocalDate> holidays) {
    return new BusinessCalendar(zone, slots(WEEKDAYS, "09:00", "17:00"), holidays);
  }

  private static List<BusinessCalendar.Slot> slots(List<DayOfWeek> days, String opens,
      String closes) {
    return days.stream().map(day -> new BusinessCalendar.Slot(day, LocalTime.parse(opens),
        LocalTime.parse(closes))).toList();
  }

  private static Instant at(ZoneId zone, String local) {
    return LocalDateTime.parse(local).atZone(zone).toInstant();
  }

  private static Duration hours(long hours) {
    return Duration.ofHours(hours);
  }

  private static Duration minutes(long minutes) {
    return Duration.ofMinutes(minutes);
  }
}
