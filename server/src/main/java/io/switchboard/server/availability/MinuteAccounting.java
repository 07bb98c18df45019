package io.switchboard.server.availability;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Sorts the minutes of {@code [from, to)} into up, down and maintenance, without visiting them
 * one by one: maintenance windows and up minutes are intervals on the minute grid, their union
 * is what is not down, and the gaps in that union are the incidents (maximal runs of down
 * minutes). A minute is in maintenance when it starts inside a window ({@code [start, end)});
 * otherwise it is up when a probe succeeded in it, down otherwise.
 *
 * <p>Stateless and thread-safe.
 */
final class MinuteAccounting {
  private static final long MINUTE = 60;

  private MinuteAccounting() {}

  /** What the minutes of a range came to. Seconds are whole minutes times 60. */
  record Tally(long measuredSeconds, long upSeconds, long downSeconds, long maintenanceSeconds,
      List<Incident> incidents) {}

  /** A failed probe's minute and reason, in the order the probes ran. */
  record Failure(Instant minute, String reason) {}

  /**
   * @param upMinutes the minutes (truncated) in which a probe succeeded, ascending
   * @param windows the declared windows as {@code [start, end)} pairs, any order
   * @param failures failed probes in the range, by minute then by when they ran
   */
  static Tally tally(Instant from, Instant to, List<Instant> upMinutes,
      List<Instant[]> windows, List<Failure> failures) {
    if (!from.isBefore(to)) {
      return new Tally(0, 0, 0, 0, List.of());
    }
    List<Instant[]> maintenance = merge(windows.stream()
        .map(window -> new Instant[] {max(ceilMinute(window[0]), from),
            min(ceilMinute(window[1]), to)})
        .filter(window -> window[0].isBefore(window[1])).toList());
    long maintenanceMinutes = maintenance.stream().mapToLong(MinuteAccounting::minutes).sum();
    List<Instant[]> covered = new ArrayList<>(maintenance);
    long upMinutesCounted = 0;
    for (Instant minute : upMinutes) {
      if (minute.isBefore(from) || !minute.isBefore(to)) {
        continue;
      }
      if (!inside(maintenance, minute)) {
        upMinutesCounted++;
      }
      covered.add(new Instant[] {minute, minute.plusSeconds(MINUTE)});
    }
    List<Incident> incidents = new ArrayList<>();
    Instant cursor = from;
    int failureIndex = 0;
    for (Instant[] span : merge(covered)) {
      if (cursor.isBefore(span[0])) {
        failureIndex = addIncident(incidents, cursor, span[0], failures, failureIndex);
      }
      cursor = max(cursor, span[1]);
    }
    if (cursor.isBefore(to)) {
      addIncident(incidents, cursor, to, failures, failureIndex);
    }
    long measured = minutes(new Instant[] {from, to});
    long down = measured - upMinutesCounted - maintenanceMinutes;
    return new Tally(measured * MINUTE, upMinutesCounted * MINUTE, down * MINUTE,
        maintenanceMinutes * MINUTE, incidents);
  }

  private static int addIncident(List<Incident> incidents, Instant start, Instant end,
      List<Failure> failures, int from) {
    int index = from;
    while (index < failures.size() && failures.get(index).minute().isBefore(start)) {
      index++;
    }
    String cause = index < failures.size() && failures.get(index).minute().isBefore(end)
        ? failures.get(index).reason() : null;
    incidents.add(new Incident(start, end, Duration.between(start, end).toSeconds(), cause));
    return index;
  }

  private static boolean inside(List<Instant[]> spans, Instant minute) {
    for (Instant[] span : spans) {
      if (!minute.isBefore(span[0]) && minute.isBefore(span[1])) {
        return true;
      }
    }
    return false;
  }

  /** The spans sorted and joined where they touch or overlap. */
  private static List<Instant[]> merge(List<Instant[]> spans) {
    List<Instant[]> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparing((Instant[] span) -> span[0]));
    List<Instant[]> merged = new ArrayList<>();
    for (Instant[] span : sorted) {
      Instant[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && !span[0].isAfter(last[1])) {
        last[1] = max(last[1], span[1]);
      } else {
        merged.add(new Instant[] {span[0], span[1]});
      }
    }
    return merged;
  }

  private static long minutes(Instant[] span) {
    return Duration.between(span[0], span[1]).toMinutes();
  }

  /** The first minute boundary at or after {@code instant}. */
  static Instant ceilMinute(Instant instant) {
    Instant floor = instant.truncatedTo(ChronoUnit.MINUTES);
    return floor.equals(instant) ? floor : floor.plusSeconds(MINUTE);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
