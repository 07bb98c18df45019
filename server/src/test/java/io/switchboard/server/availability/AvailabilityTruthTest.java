package io.switchboard.server.availability;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.db.StoreRows;
import io.switchboard.server.store.availability.MaintenanceWindowDao;
import io.switchboard.server.store.availability.ProbeResult;
import io.switchboard.server.store.availability.ProbeResultDao;
import io.switchboard.server.testing.MutableClock;
import io.switchboard.server.testing.StoreFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The monthly availability figures against the truth: randomized probe histories of several
 * nodes (outages, nodes that skip minutes, minutes nobody probed, failures beside successes),
 * random maintenance windows (overlapping, across month ends, off the minute grid), read for
 * whole months in time zones other than UTC (with a DST change in the month), compared with a
 * separate minute-by-minute count over the raw rows. Each history gets a database of its own,
 * so "measuring starts at the first probe" holds for exactly the rows the test wrote.
 */
class AvailabilityTruthTest {
  private static final List<String> NODES = List.of("node-a", "node-b", "node-c");
  private static final List<ZoneId> ZONES = List.of(ZoneId.of("Asia/Shanghai"),
      ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"));
  private static Database database;

  @BeforeAll
  static void openFreshDatabase() {
    database = Database.open(new DatabaseSettings(StoreFixture.freshDatabaseUrl(), 4,
        Duration.ofSeconds(5), Duration.ofSeconds(30)));
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Test
  void randomizedHistoriesMatchAMinuteByMinuteCount() {
    ProbeResultDao probes = new ProbeResultDao(database.jdbi());
    MaintenanceWindowDao windows = new MaintenanceWindowDao(database.jdbi());
    for (int round = 0; round < ZONES.size(); round++) {
      database.jdbi().useHandle(handle -> handle.execute(
          "TRUNCATE availability_probes, maintenance_windows"));
      Random random = new Random(7919L * round + 13);
      ZoneId zone = ZONES.get(round);
      // October: Berlin and New York leave summer time within the month (31 days plus an hour).
      YearMonth month = YearMonth.of(2031, 10);
      Instant monthStart = month.atDay(1).atStartOfDay(zone).toInstant();
      Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
      // Probing starts a few hours before the month in half the rounds, in the middle otherwise.
      Instant firstProbe = round % 2 == 0 ? monthStart.minus(Duration.ofHours(5))
          : monthStart.plus(Duration.ofDays(9)).plusSeconds(60L * random.nextInt(600));
      Instant historyEnd = monthEnd.plus(Duration.ofHours(3));
      List<ProbeResult> written = writeHistory(random, firstProbe, historyEnd);
      List<Instant[]> declared = declareWindows(windows, random, monthStart, monthEnd);
      // Read the whole month (the clock past its end), and once part-way through.
      for (Instant now : List.of(historyEnd, monthStart.plus(Duration.ofDays(20))
          .plusSeconds(37 + 60L * random.nextInt(100)))) {
        AvailabilityService service = new AvailabilityService(probes, windows,
            new MutableClock(now));
        MonthAvailability measured = service.month(month, zone);
        Truth truth = Truth.count(written, declared, firstProbe, monthStart, monthEnd, now);
        assertThat(measured.measuredFrom()).isEqualTo(truth.from());
        assertThat(measured.measuredTo()).isEqualTo(truth.to());
        assertThat(measured.measuredSeconds()).isEqualTo(truth.measured() * 60);
        assertThat(measured.upSeconds()).isEqualTo(truth.up() * 60);
        assertThat(measured.downSeconds()).isEqualTo(truth.down() * 60);
        assertThat(measured.maintenanceSeconds()).isEqualTo(truth.maintenance() * 60);
        assertThat(measured.incidents()).isEqualTo(truth.incidents());
        assertThat(measured.percent()).isCloseTo(
            100.0 * truth.up() / (truth.measured() - truth.maintenance()),
            org.assertj.core.data.Offset.offset(1e-9));
        assertThat(measured.allowedDownSeconds())
            .isEqualTo(Duration.between(monthStart, monthEnd).toSeconds() / 1000);
        assertThat(measured.maintenance()).hasSize(declared.size());
        assertThat(truth.down()).isPositive();
        assertThat(truth.incidents()).isNotEmpty();
      }
    }
  }

  @Test
  void allowedDowntimeIsATenthOfAPercentOfTheMonthInItsZone() {
    AvailabilityService service = new AvailabilityService(new ProbeResultDao(database.jdbi()),
        new MaintenanceWindowDao(database.jdbi()), new MutableClock(Instant.parse(
            "2040-01-01T00:00:00Z")));
    assertThat(service.month(YearMonth.of(2031, 11), ZoneId.of("UTC")).allowedDownSeconds())
        .isEqualTo(2592);
    assertThat(service.month(YearMonth.of(2031, 12), ZoneId.of("UTC")).allowedDownSeconds())
        .isEqualTo(2678);
    assertThat(service.month(YearMonth.of(2031, 2), ZoneId.of("UTC")).allowedDownSeconds())
        .isEqualTo(2419);
    // Berlin's March has an hour less: 743 hours.
    assertThat(service.month(YearMonth.of(2031, 3), ZoneId.of("Europe/Berlin"))
        .allowedDownSeconds()).isEqualTo(743 * 3600 / 1000);
  }

  /**
   * Writes the history in batches (a month of minutes row by row would take minutes), through
   * the same idempotent insert: a node's second result in a minute is ignored.
   */
  private static List<ProbeResult> writeHistory(Random random, Instant first, Instant end) {
    List<ProbeResult> written = new ArrayList<>();
    List<ProbeResult> attempted = new ArrayList<>();
    String[] reasons = {"connect: ConnectException Connection refused",
        "send: no answer within the timeout", "start: unavailable storage is unavailable, retry"};
    boolean outage = false;
    for (Instant minute = first; minute.isBefore(end); minute = minute.plusSeconds(60)) {
      // Outages start rarely and last a while; in one, every probe that runs fails.
      outage = outage ? random.nextInt(40) != 0 : random.nextInt(900) == 0;
      boolean nobody = random.nextInt(700) == 0;
      for (String node : NODES) {
        if (nobody || random.nextInt(6) == 0) {
          continue;
        }
        boolean ok = !outage && random.nextInt(25) != 0;
        ProbeResult result = new ProbeResult(minute, node, ok, random.nextInt(900),
            ok ? null : reasons[random.nextInt(reasons.length)],
            minute.plusMillis(random.nextInt(59_000)));
        written.add(result);
        attempted.add(result);
        if (random.nextInt(50) == 0) {
          attempted.add(new ProbeResult(minute, node, !ok, 1, ok ? "late" : null,
              minute.plusSeconds(59)));
        }
      }
    }
    database.jdbi().useHandle(handle -> {
      var batch = handle.prepareBatch("INSERT INTO availability_probes"
          + " (minute, node_id, ok, latency_ms, failure, probed_at)"
          + " VALUES (:minute, :node, :ok, :latency, :failure, :probedAt)"
          + " ON CONFLICT (minute, node_id) DO NOTHING");
      for (ProbeResult result : attempted) {
        batch.bind("minute", StoreRows.timestamp(result.minute()))
            .bind("node", result.nodeId()).bind("ok", result.ok())
            .bind("latency", result.latencyMs()).bind("failure", result.failure())
            .bind("probedAt", StoreRows.timestamp(result.probedAt())).add();
      }
      batch.execute();
    });
    return written;
  }

  private static List<Instant[]> declareWindows(MaintenanceWindowDao windows, Random random,
      Instant monthStart, Instant monthEnd) {
    List<Instant[]> declared = new ArrayList<>();
    long span = Duration.between(monthStart, monthEnd).toSeconds();
    for (int i = 0; i < 5; i++) {
      Instant start = monthStart.plusSeconds(random.nextLong(span)).minusSeconds(i == 0
          ? span / 2 + 3600 : 0);
      Instant end = start.plusSeconds(600 + random.nextInt(3 * 3600));
      if (i == 4) {
        start = declared.get(3)[0].plusSeconds(90);
        end = start.plusSeconds(4000);
      }
      declared.add(new Instant[] {start, end});
      windows.create(start, end, "upgrade " + i, "admin");
    }
    declared.removeIf(window -> !window[0].isBefore(monthEnd) || !window[1].isAfter(monthStart));
    return declared;
  }

  /** The same figures, counted one minute at a time from the rows as written. */
  private record Truth(Instant from, Instant to, long measured, long up, long down,
      long maintenance, List<Incident> incidents) {
    static Truth count(List<ProbeResult> written, List<Instant[]> windows, Instant firstProbe,
        Instant monthStart, Instant monthEnd, Instant now) {
      Map<Instant, List<ProbeResult>> byMinute = new HashMap<>();
      for (ProbeResult result : written) {
        byMinute.computeIfAbsent(result.minute(), m -> new ArrayList<>()).add(result);
      }
      Instant from = firstProbe.isAfter(monthStart) ? firstProbe : monthStart;
      Instant cut = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
      Instant to = cut.isBefore(monthEnd) ? cut : monthEnd;
      long measured = 0;
      long up = 0;
      long down = 0;
      long maintenance = 0;
      List<Incident> incidents = new ArrayList<>();
      Instant runStart = null;
      String runCause = null;
      for (Instant minute = from; minute.isBefore(to); minute = minute.plusSeconds(60)) {
        measured++;
        Instant at = minute;
        boolean inWindow = windows.stream()
            .anyMatch(w -> !at.isBefore(w[0]) && at.isBefore(w[1]));
        List<ProbeResult> results = byMinute.getOrDefault(minute, List.of());
        boolean anyOk = results.stream().anyMatch(ProbeResult::ok);
        boolean isDown = !inWindow && !anyOk;
        if (inWindow) {
          maintenance++;
        } else if (anyOk) {
          up++;
        } else {
          down++;
        }
        if (isDown && runStart == null) {
          runStart = minute;
          runCause = null;
        }
        if (isDown && runCause == null) {
          runCause = results.stream()
              .sorted(java.util.Comparator.comparing(ProbeResult::probedAt)
                  .thenComparing(ProbeResult::nodeId))
              .map(ProbeResult::failure).findFirst().orElse(null);
        }
        if (!isDown && runStart != null) {
          incidents.add(incident(runStart, minute, runCause));
          runStart = null;
        }
      }
      if (runStart != null) {
        incidents.add(incident(runStart, to, runCause));
      }
      return new Truth(from, to, measured, up, down, maintenance, incidents);
    }

    private static Incident incident(Instant start, Instant end, String cause) {
      return new Incident(start, end, Duration.between(start, end).toSeconds(), cause);
    }
  }
}
