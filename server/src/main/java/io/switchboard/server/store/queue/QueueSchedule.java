package io.switchboard.server.store.queue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * A queue's business hours: weekly slots in the queue's time zone and dated holidays. No slots
 * means open around the clock; a holiday closes the whole day; a paused queue is closed.
 *
 * <p>Immutable and thread-safe.
 */
public record QueueSchedule(ZoneId zone, List<Slot> slots, Set<LocalDate> holidays,
    Integer maxWaitSeconds, boolean paused) {
  /** Open from {@code opens} (inclusive) to {@code closes} (exclusive) on {@code day}. */
  public record Slot(DayOfWeek day, LocalTime opens, LocalTime closes) {}

  public QueueSchedule {
    slots = List.copyOf(slots);
    holidays = Set.copyOf(holidays);
  }

  /** Around the clock, every day. */
  public static QueueSchedule alwaysOpen() {
    return new QueueSchedule(ZoneId.of("UTC"), List.of(), Set.of(), null, false);
  }

  /** Open for new conversations: not paused, not a holiday, and inside a slot (if any). */
  public boolean isOpen(Instant now) {
    if (paused) {
      return false;
    }
    ZonedDateTime local = now.atZone(zone);
    if (holidays.contains(local.toLocalDate())) {
      return false;
    }
    if (slots.isEmpty()) {
      return true;
    }
    LocalTime time = local.toLocalTime();
    return slots.stream().anyMatch(slot -> slot.day() == local.getDayOfWeek()
        && !time.isBefore(slot.opens()) && time.isBefore(slot.closes()));
  }
}
