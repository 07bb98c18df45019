package io.switchboard.server.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.sla.BusinessCalendar.Slot;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Business-time arithmetic for SLA clocks with fixed instants (no wall clock): weekends,
 * holidays, the DST changes of New York and Berlin, Shanghai without DST, an interval spanning
 * closing time, overlapping slots; and, over random calendars and instants, both answers checked
 * against a minute-by-minute count.
 */
class BusinessCalendarTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Test
  void aroundTheClockBusinessTimeIsRealTime() {
    BusinessCalendar always = BusinessCalendar.allHours();
    Instant start = Instant.parse("2026-03-07T22:15:00Z");
    assertThat(always.deadline(start, Duration.ofHours(24)))
        .isEqualTo(Instant.parse("2026-03-08T22:15:00Z"));
    assertThat(always.elapsed(start, start.plus(Duration.ofMinutes(90))))
        .isEqualTo(Duration.ofMinutes(90));
    assertThat(always.elapsed(start, start.minusSeconds(1))).isZero();
  }

  @Test
  void aWeekendAndAHolidayDoNotCount() {
    BusinessCalendar office = weekdays(BERLIN, "09:00", "17:00", Set.of());
    // Friday 16:00: one hour left that day, three more on Monday.
    assertThat(office.deadline(at(BERLIN, "2026-12-04T16:00"), Duration.ofHours(4)))
        .isEqualTo(at(BERLIN, "2026-12-07T12:00"));
    BusinessCalendar withHoliday = weekdays(BERLIN, "09:00", "17:00",
        Set.of(LocalDate.parse("2026-12-07")));
    assertThat(withHoliday.deadline(at(BERLIN, "2026-12-04T16:00"), Duration.ofHours(4)))
        .isEqualTo(at(BERLIN, "2026-12-08T12:00"));
    // Waiting from Friday 16:30 to Monday 09:30 spans closing time: one hour of business time.
    assertThat(office.elapsed(at(BERLIN, "2026-12-04T16:30"), at(BERLIN, "2026-12-07T09:30")))
        .isEqualTo(Duration.ofHours(1));
    // A start outside hours waits for the opening.
    assertThat(office.deadline(at(BERLIN, "2026-12-05T10:00"), Duration.ofHours(1)))
        .isEqualTo(at(BERLIN, "2026-12-07T10:00"));
  }

  @Test
  void dstChangesCountTheHoursTheDayReallyHas() {
    // New York springs forward on Sunday 2026-03-08 and falls back on Sunday 2026-11-01.
    BusinessCalendar nyAlways = new BusinessCalendar(NEW_YORK, List.of(), Set.of());
    assertThat(nyAlways.elapsed(at(NEW_YORK, "2026-03-08T00:00"), at(NEW_YORK, "2026-03-09T00:00")))
        .isEqualTo(Duration.ofHours(23));
    assertThat(nyAlways.elapsed(at(NEW_YORK, "2026-11-01T00:00"), at(NEW_YORK, "2026-11-02T00:00")))
        .isEqualTo(Duration.ofHours(25));
    BusinessCalendar nyDaily = daily(NEW_YORK, "09:00", "17:00");
    assertThat(nyDaily.deadline(at(NEW_YORK, "2026-03-07T16:00"), Duration.ofHours(2)))
        .isEqualTo(at(NEW_YORK, "2026-03-08T10:00"));
    // A slot that opens inside the skipped hour opens when the clocks resume (03:00).
    BusinessCalendar night = new BusinessCalendar(NEW_YORK,
        List.of(new Slot(DayOfWeek.SUNDAY, LocalTime.parse("02:30"), LocalTime.parse("04:00"))),
        Set.of());
    assertThat(night.elapsed(at(NEW_YORK, "2026-03-08T00:00"), at(NEW_YORK, "2026-03-09T00:00")))
        .isEqualTo(Duration.ofHours(1));
    // A repeated hour inside a slot counts twice (01:00-02:00 on 2026-11-01 lasts two hours).
    BusinessCalendar repeated = new BusinessCalendar(NEW_YORK,
        List.of(new Slot(DayOfWeek.SUNDAY, LocalTime.parse("01:00"), LocalTime.parse("02:00"))),
        Set.of());
    assertThat(repeated.elapsed(at(NEW_YORK, "2026-11-01T00:00"), at(NEW_YORK, "2026-11-02T00:00")))
        .isEqualTo(Duration.ofHours(2));
    // Berlin springs forward on 2026-03-29: 24 hours around the clock end at 13:00, not 12:00.
    BusinessCalendar berlinAlways = new BusinessCalendar(BERLIN, List.of(), Set.of());
    assertThat(berlinAlways.deadline(at(BERLIN, "2026-03-28T12:00"), Duration.ofHours(24)))
        .isEqualTo(at(BERLIN, "2026-03-29T13:00"));
    assertThat(weekdays(BERLIN, "09:00", "17:00", Set.of())
        .deadline(at(BERLIN, "2026-10-23T16:59"), Duration.ofMinutes(2)))
        .as("the breach minute is exact across the autumn change")
        .isEqualTo(at(BERLIN, "2026-10-26T09:01"));
  }

  @Test
  void shanghaiHasNoDstAndALunchBreak() {
    BusinessCalendar office = new BusinessCalendar(SHANGHAI, List.of(
        new Slot(DayOfWeek.MONDAY, LocalTime.parse("09:00"), LocalTime.parse("12:00")),
        new Slot(DayOfWeek.MONDAY, LocalTime.parse("13:00"), LocalTime.parse("18:00"))),
        Set.of());
    assertThat(office.deadline(at(SHANGHAI, "2026-12-07T11:00"), Duration.ofHours(2)))
        .isEqualTo(at(SHANGHAI, "2026-12-07T14:00"));
    assertThat(office.deadline(at(SHANGHAI, "2026-12-07T17:00"), Duration.ofHours(2)))
        .as("one hour today, the next one a week later").isEqualTo(at(SHANGHAI, "2026-12-14T10:00"));
    assertThat(office.isOpen(at(SHANGHAI, "2026-12-07T12:30"))).isFalse();
  }

  @Test
  void overlappingSlotsCountOnceAndAClosedCalendarIsRefused() {
    BusinessCalendar overlapping = new BusinessCalendar(BERLIN, List.of(
        new Slot(DayOfWeek.MONDAY, LocalTime.parse("09:00"), LocalTime.parse("12:00")),
        new Slot(DayOfWeek.MONDAY, LocalTime.parse("11:00"), LocalTime.parse("14:00"))), Set.of());
    assertThat(overlapping.elapsed(at(BERLIN, "2026-12-07T00:00"), at(BERLIN, "2026-12-08T00:00")))
        .isEqualTo(Duration.ofHours(5));
    List<LocalDate> everyDay = new ArrayList<>();
    for (LocalDate day = LocalDate.parse("2026-01-01"); day.getYear() < 2040; day = day.plusDays(1)) {
      everyDay.add(day);
    }
    BusinessCalendar never = new BusinessCalendar(BERLIN, List.of(), Set.copyOf(everyDay));
    assertThatThrownBy(() -> never.deadline(at(BERLIN, "2026-12-07T00:00"), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Random calendars, instants and targets, checked against counting minute by minute what the
   * zone's wall clock reads (the definition, computed apart from the calendar's own code).
   */
  @Test
  void bothAnswersAgreeWithAMinuteByMinuteCount() {
    Random random = new Random(20261205);
    List<ZoneId> zones = List.of(BERLIN, NEW_YORK, SHANGHAI, ZoneId.of("UTC"));
    for (int run = 0; run < 60; run++) {
      BusinessCalendar calendar = randomCalendar(random, zones.get(random.nextInt(zones.size())));
      // Around the DST changes of both hemispheres' spring and autumn, and an ordinary week.
      Instant base = List.of(Instant.parse("2026-03-05T00:00:00Z"),
          Instant.parse("2026-10-22T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"))
          .get(random.nextInt(3));
      Instant start = base.plus(random.nextInt(3 * 24 * 60), ChronoUnit.MINUTES);
      Instant end = start.plus(random.nextInt(6 * 24 * 60), ChronoUnit.MINUTES);
      long counted = 0;
      for (Instant minute = start; minute.isBefore(end); minute = minute.plusSeconds(60)) {
        if (wallClockOpen(calendar, minute)) {
          counted++;
        }
      }
      assertThat(calendar.elapsed(start, end)).as("run %d elapsed", run)
          .isEqualTo(Duration.ofMinutes(counted));
      if (counted > 0) {
        Instant deadline = calendar.deadline(start, Duration.ofMinutes(counted));
        assertThat(calendar.elapsed(start, deadline)).isEqualTo(Duration.ofMinutes(counted));
        assertThat(deadline).as("run %d: the deadline is the end of the last counted minute", run)
            .isBeforeOrEqualTo(end);
        assertThat(wallClockOpen(calendar, deadline.minusSeconds(60))).isTrue();
      }
    }
  }

  /** Open when the zone's wall clock reads a slot's time on a day that is not a holiday. */
  private static boolean wallClockOpen(BusinessCalendar calendar, Instant instant) {
    LocalDateTime local = LocalDateTime.ofInstant(instant, calendar.zone());
    if (calendar.holidays().contains(local.toLocalDate())) {
      return false;
    }
    return calendar.slots().isEmpty() || calendar.slots().stream().anyMatch(slot ->
        slot.day() == local.getDayOfWeek() && !local.toLocalTime().isBefore(slot.opens())
            && local.toLocalTime().isBefore(slot.closes()));
  }

  private static BusinessCalendar randomCalendar(Random random, ZoneId zone) {
    if (random.nextInt(5) == 0) {
      return new BusinessCalendar(zone, List.of(), Set.of());
    }
    List<Slot> slots = new ArrayList<>();
    for (DayOfWeek day : EnumSet.allOf(DayOfWeek.class)) {
      if (random.nextInt(4) > 0) {
        int opens = random.nextInt(20 * 60);
        int closes = opens + 30 + random.nextInt(24 * 60 - opens - 30);
        slots.add(new Slot(day, LocalTime.MIN.plusMinutes(opens), LocalTime.MIN.plusMinutes(closes)));
      }
    }
    Set<LocalDate> holidays = random.nextBoolean() ? Set.of(LocalDate.parse("2026-03-09"),
        LocalDate.parse("2026-10-26"), LocalDate.parse("2026-12-03")) : Set.of();
    return new BusinessCalendar(zone, slots, holidays);
  }

  private static BusinessCalendar weekdays(ZoneId zone, String opens, String closes,
      Set<LocalDate> holidays) {
    List<Slot> slots = new ArrayList<>();
    for (DayOfWeek day : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
      slots.add(new Slot(day, LocalTime.parse(opens), LocalTime.parse(closes)));
    }
    return new BusinessCalendar(zone, slots, holidays);
  }

  private static BusinessCalendar daily(ZoneId zone, String opens, String closes) {
    List<Slot> slots = new ArrayList<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      slots.add(new Slot(day, LocalTime.parse(opens), LocalTime.parse(closes)));
    }
    return new BusinessCalendar(zone, slots, Set.of());
  }

  private static Instant at(ZoneId zone, String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
  }
}
