package io.switchboard.server.sla;

import io.switchboard.server.store.queue.QueueSchedule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The time an SLA clock counts: weekly business hours in a time zone, without dated holidays, or
 * around the clock. It answers the two questions every clock asks: how much business time lies
 * between two instants, and when a given amount of business time, counted from an instant, runs
 * out. Days are walked in the calendar's own time zone, so a day of 23 or 25 hours (a DST change)
 * counts the hours it really has. Business time is open exactly when the wall clock of the zone
 * reads a time inside a slot, as a queue's opening hours are read: a slot that opens inside a
 * skipped hour opens when the clocks resume, and a repeated hour inside a slot counts twice.
 *
 * <p>Immutable and thread-safe.
 *
 * @param slots weekly open hours, from {@code opens} (inclusive) to {@code closes} (exclusive);
 *     none means the whole of every day
 * @param holidays days on which nothing counts
 */
public record BusinessCalendar(ZoneId zone, List<Slot> slots, Set<LocalDate> holidays) {
  /** Open from {@code opens} to {@code closes} on {@code day}, in the calendar's zone. */
  public record Slot(DayOfWeek day, LocalTime opens, LocalTime closes) {
    public Slot {
      if (!closes.isAfter(opens)) {
        throw new IllegalArgumentException("a slot closes after it opens");
      }
    }
  }

  /** Ten years: a calendar with no open time in that long can never reach a deadline. */
  private static final int MAX_DAYS = 3660;

  public BusinessCalendar {
    slots = List.copyOf(slots);
    holidays = Set.copyOf(holidays);
  }

  /** Every hour of every day, in UTC. */
  public static BusinessCalendar allHours() {
    return new BusinessCalendar(ZoneId.of("UTC"), List.of(), Set.of());
  }

  /** A queue's business hours and holidays (whether it is paused does not matter to a clock). */
  public static BusinessCalendar of(QueueSchedule schedule) {
    return new BusinessCalendar(schedule.zone(), schedule.slots().stream()
        .map(slot -> new Slot(slot.day(), slot.opens(), slot.closes())).toList(),
        schedule.holidays());
  }

  /** The business time between {@code from} and {@code to} (zero when {@code to} is earlier). */
  public Duration elapsed(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    Duration total = Duration.ZERO;
    LocalDate day = from.atZone(zone).toLocalDate();
    LocalDate last = to.atZone(zone).toLocalDate();
    for (; !day.isAfter(last); day = day.plusDays(1)) {
      for (Interval open : openIntervals(day)) {
        Instant start = max(open.start(), from);
        Instant end = min(open.end(), to);
        if (end.isAfter(start)) {
          total = total.plus(Duration.between(start, end));
        }
      }
    }
    return total;
  }

  /**
   * The instant at which {@code target} of business time, counted from {@code start}, has passed.
   *
   * @throws IllegalArgumentException when the calendar has no open time for ten years
   */
  public Instant deadline(Instant start, Duration target) {
    if (target.isNegative()) {
      throw new IllegalArgumentException("a target is not negative");
    }
    Duration left = target;
    LocalDate day = start.atZone(zone).toLocalDate();
    for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
      for (Interval open : openIntervals(day)) {
        Instant from = max(open.start(), start);
        if (!open.end().isAfter(from)) {
          continue;
        }
        Duration here = Duration.between(from, open.end());
        if (left.compareTo(here) <= 0) {
          return from.plus(left);
        }
        left = left.minus(here);
      }
    }
    throw new IllegalArgumentException("the calendar has no open time in ten years");
  }

  /** Whether business time counts at {@code instant}. */
  public boolean isOpen(Instant instant) {
    return openIntervals(instant.atZone(zone).toLocalDate()).stream()
        .anyMatch(open -> !instant.isBefore(open.start()) && instant.isBefore(open.end()));
  }

  private record Interval(Instant start, Instant end) {}

  /** The day's open intervals as instants, in order (none on a holiday). */
  private List<Interval> openIntervals(LocalDate day) {
    if (holidays.contains(day)) {
      return List.of();
    }
    if (slots.isEmpty()) {
      return List.of(new Interval(day.atStartOfDay(zone).toInstant(),
          day.plusDays(1).atStartOfDay(zone).toInstant()));
    }
    List<Interval> open = new ArrayList<>();
    for (Slot slot : slots) {
      if (slot.day() == day.getDayOfWeek()) {
        Instant start = instant(day.atTime(slot.opens()), false);
        Instant end = instant(day.atTime(slot.closes()), true);
        if (end.isAfter(start)) {
          open.add(new Interval(start, end));
        }
      }
    }
    open.sort(Comparator.comparing(Interval::start));
    // Overlapping slots count once.
    List<Interval> merged = new ArrayList<>();
    for (Interval next : open) {
      Interval last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && !next.start().isAfter(last.end())) {
        merged.set(merged.size() - 1, new Interval(last.start(), max(last.end(), next.end())));
      } else {
        merged.add(next);
      }
    }
    return merged;
  }

  /**
   * When the wall clock first reads {@code local} ({@code last}: last stops reading it): a time
   * that a spring-forward gap skips maps to the end of the gap, one that an autumn overlap repeats
   * to its earlier (or, for {@code last}, later) occurrence.
   */
  private Instant instant(java.time.LocalDateTime local, boolean last) {
    var rules = zone.getRules();
    if (rules.getValidOffsets(local).isEmpty()) {
      return rules.getTransition(local).getInstant();
    }
    java.time.ZonedDateTime zoned = java.time.ZonedDateTime.ofLocal(local, zone, null);
    return (last ? zoned.withLaterOffsetAtOverlap() : zoned.withEarlierOffsetAtOverlap())
        .toInstant();
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
