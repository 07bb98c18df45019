package io.switchboard.server.availability;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.store.availability.MaintenanceWindowDao;
import io.switchboard.server.store.availability.ProbeResultDao;
import io.switchboard.server.store.availability.StoredWindow;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Measured availability from the probes' results. A minute is up when at least one node's probe
 * succeeded in it, in maintenance when it starts inside a declared window, and down otherwise,
 * including minutes in which no node probed at all. Measuring starts at the first probe ever and
 * ends at the start of the current minute.
 *
 * <p>The monthly figure is up over (measured minus maintenance), against {@link #TARGET_PERCENT};
 * the allowed downtime is 0.1% of the month's length in the viewer's time zone, rounded down to
 * the second ({@code seconds / 1000}): 2,592 s (43.2 min) for 30 days, 2,678 s (44.6 min) for 31
 * days, 43.8 min on average over a year.
 *
 * <p>Thread-safe. Blocks on the database: call it on the store executor.
 */
public final class AvailabilityService {
  /** The contract's monthly target. */
  public static final double TARGET_PERCENT = 99.9;
  /** How many recent minutes the current status looks at. */
  public static final int RECENT = 3;

  private final ProbeResultDao probes;
  private final MaintenanceWindowDao windows;
  private final Clock clock;

  public AvailabilityService(ProbeResultDao probes, MaintenanceWindowDao windows, Clock clock) {
    this.probes = probes;
    this.windows = windows;
    this.clock = clock;
  }

  /** The month's figures in {@code zone}, measured up to now for the current month. */
  public MonthAvailability month(YearMonth month, ZoneId zone) {
    Instant monthStart = month.atDay(1).atStartOfDay(zone).toInstant();
    Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    long allowed = Duration.between(monthStart, monthEnd).toSeconds() / 1000;
    Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    Instant from = probes.firstMinute().map(first -> first.isAfter(monthStart) ? first : monthStart)
        .orElse(null);
    Instant to = now.isBefore(monthEnd) ? now : monthEnd;
    List<MaintenanceWindow> declared = windows.overlapping(monthStart, monthEnd).stream()
        .map(AvailabilityService::window).toList();
    if (from == null || !from.isBefore(to)) {
      return new MonthAvailability(month, zone.getId(), null, null, 0, 0, 0, 0, null,
          TARGET_PERCENT, allowed, List.of(), declared);
    }
    MinuteAccounting.Tally tally = MinuteAccounting.tally(from, to, probes.upMinutes(from, to),
        declared.stream().map(w -> new Instant[] {w.start(), w.end()}).toList(),
        probes.failures(from, to).stream()
            .map(f -> new MinuteAccounting.Failure(f.minute(), f.failure())).toList());
    long counted = tally.measuredSeconds() - tally.maintenanceSeconds();
    Double percent = counted == 0 ? null : 100.0 * tally.upSeconds() / counted;
    return new MonthAvailability(month, zone.getId(), from, to, tally.measuredSeconds(),
        tally.upSeconds(), tally.downSeconds(), tally.maintenanceSeconds(), percent,
        TARGET_PERCENT, allowed, tally.incidents(), declared);
  }

  /** Up, down or unknown from the newest minute any node probed in the last few minutes. */
  public CurrentStatus current() {
    Instant since = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(RECENT,
        ChronoUnit.MINUTES);
    ProbeResultDao.Latest latest = probes.latest(since);
    if (latest.lastMinute() == null) {
      return new CurrentStatus("unknown", null, null);
    }
    boolean up = latest.lastMinute().equals(latest.lastUpMinute());
    return new CurrentStatus(up ? "up" : "down", latest.lastProbeAt(), latest.lastSuccessAt());
  }

  /** Declares a window; {@code invalid_field} when it ends before it starts or has no reason. */
  public MaintenanceWindow declare(Instant start, Instant end, String reason, String createdBy) {
    if (start == null || end == null) {
      throw invalid((start == null ? "start" : "end") + ": required, an RFC 3339 instant");
    }
    if (!end.isAfter(start)) {
      throw invalid("end: must be after start");
    }
    if (Duration.between(start, end).toDays() > 366) {
      throw invalid("end: a window lasts at most a year");
    }
    String trimmed = reason == null ? "" : reason.strip();
    if (trimmed.isEmpty() || trimmed.length() > 500) {
      throw invalid("reason: required, at most 500 characters");
    }
    return window(windows.create(start, end, trimmed, createdBy));
  }

  /** The newest windows first. */
  public List<MaintenanceWindow> windows(int limit) {
    return windows.recent(limit).stream().map(AvailabilityService::window).toList();
  }

  /** Deletes a window and returns what it was; {@code not_found} when there is none. */
  public MaintenanceWindow delete(long id) {
    StoredWindow before = windows.find(id).orElseThrow(AvailabilityService::notFound);
    if (!windows.delete(id)) {
      throw notFound();
    }
    return window(before);
  }

  private static MaintenanceWindow window(StoredWindow stored) {
    return new MaintenanceWindow(stored.id(), stored.start(), stored.end(), stored.reason(),
        stored.createdBy());
  }

  private static SwitchboardException invalid(String message) {
    return new SwitchboardException(ErrorCode.INVALID_FIELD, message);
  }

  private static SwitchboardException notFound() {
    return new SwitchboardException(ErrorCode.NOT_FOUND, "no such maintenance window");
  }
}
