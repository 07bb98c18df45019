package io.switchboard.server.report.index;

import io.switchboard.server.store.report.FactGrouping;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The groups of one query as numbers 0..{@link #count}-1, with the key SQL's
 * {@link FactGrouping} would give each: one group, time buckets in a zone found by binary search
 * over their first instants, hours of the week from the zone's offsets in the range, queues or
 * agents by their dictionary number (null as group 0).
 *
 * <p>Immutable after construction; one query owns it.
 */
final class Groups {
  private static final long MICROS = 1_000_000L;

  private final FactGrouping.Kind kind;
  private final int count;
  private final String[] keys;
  private final long[] starts;
  private final long[] offsetFrom;
  private final int[] offsetSeconds;
  private final Dictionary<?> names;

  private Groups(FactGrouping.Kind kind, int count, String[] keys, long[] starts,
      long[] offsetFrom, int[] offsetSeconds, Dictionary<?> names) {
    this.kind = kind;
    this.count = count;
    this.keys = keys;
    this.starts = starts;
    this.offsetFrom = offsetFrom;
    this.offsetSeconds = offsetSeconds;
    this.names = names;
  }

  /** The groups of {@code grouping} for rows in [from, to) (microseconds). */
  static Groups of(FactGrouping grouping, long from, long to, Dictionaries words) {
    return switch (grouping.kind()) {
      case TOTAL -> new Groups(grouping.kind(), 1, new String[] {""}, null, null, null, null);
      case QUEUE -> new Groups(grouping.kind(), words.queues.size() + 1, null, null, null, null,
          words.queues);
      case AGENT -> new Groups(grouping.kind(), words.agents.size() + 1, null, null, null, null,
          words.agents);
      case BUCKET -> buckets(grouping, from, to);
      case HOUR_OF_WEEK -> hours(ZoneId.of(grouping.zone()), from, to);
    };
  }

  private static Groups buckets(FactGrouping grouping, long from, long to) {
    ZoneId zone = ZoneId.of(grouping.zone());
    List<LocalDate> days = new ArrayList<>();
    LocalDate day = first(Instant.EPOCH.plusNanos(from * 1000).atZone(zone).toLocalDate(),
        grouping.unit());
    while (true) {
      days.add(day);
      day = switch (grouping.unit()) {
        case "day" -> day.plusDays(1);
        case "week" -> day.plusWeeks(1);
        default -> day.plusMonths(1);
      };
      if (micros(day, zone) >= to) {
        break;
      }
    }
    String[] keys = days.stream().map(LocalDate::toString).toArray(String[]::new);
    long[] starts = days.stream().mapToLong(d -> micros(d, zone)).toArray();
    return new Groups(FactGrouping.Kind.BUCKET, keys.length, keys, starts, null, null, null);
  }

  private static LocalDate first(LocalDate day, String unit) {
    return switch (unit) {
      case "day" -> day;
      case "week" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      default -> day.withDayOfMonth(1);
    };
  }

  private static long micros(LocalDate day, ZoneId zone) {
    Instant start = day.atStartOfDay(zone).toInstant();
    return start.getEpochSecond() * MICROS + start.getNano() / 1000;
  }

  private static Groups hours(ZoneId zone, long from, long to) {
    ZoneRules rules = zone.getRules();
    Instant at = Instant.ofEpochSecond(Math.floorDiv(from, MICROS));
    List<Long> changes = new ArrayList<>(List.of(Long.MIN_VALUE));
    List<Integer> offsets = new ArrayList<>(List.of(rules.getOffset(at).getTotalSeconds()));
    ZoneOffsetTransition next = rules.nextTransition(at);
    while (next != null && next.getInstant().getEpochSecond() * MICROS < to) {
      changes.add(next.getInstant().getEpochSecond() * MICROS);
      offsets.add(next.getOffsetAfter().getTotalSeconds());
      next = rules.nextTransition(next.getInstant());
    }
    String[] keys = new String[168];
    for (int cell = 0; cell < 168; cell++) {
      keys[cell] = Integer.toString((cell / 24 + 1) * 100 + cell % 24);
    }
    return new Groups(FactGrouping.Kind.HOUR_OF_WEEK, 168, keys, null,
        changes.stream().mapToLong(Long::longValue).toArray(),
        offsets.stream().mapToInt(Integer::intValue).toArray(), null);
  }

  int count() {
    return count;
  }

  /** The group of a row at {@code at} (microseconds, inside the range) in queue and agent. */
  int of(long at, int queue, int agent) {
    switch (kind) {
      case TOTAL:
        return 0;
      case QUEUE:
        return queue + 1;
      case AGENT:
        return agent + 1;
      case BUCKET:
        return place(starts, at);
      default:
        long local = Math.floorDiv(at, MICROS) + offsetSeconds[place(offsetFrom, at)];
        long days = Math.floorDiv(local, 86_400);
        int weekday = (int) Math.floorMod(days + 3, 7);
        return weekday * 24 + (int) (Math.floorMod(local, 86_400) / 3600);
    }
  }

  /** The key of group {@code group}, as SQL gives it (null for no queue or agent). */
  String key(int group) {
    if (names != null) {
      Object value = names.value(group - 1);
      return value == null ? null : value.toString();
    }
    return keys[group];
  }

  /** The index of the last start at or before {@code at}. */
  private static int place(long[] sorted, long at) {
    int found = Arrays.binarySearch(sorted, at);
    return found >= 0 ? found : -found - 2;
  }
}
