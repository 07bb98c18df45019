package io.switchboard.server.compliance;

import io.switchboard.server.store.compliance.StoredReport;
import io.switchboard.server.util.Periodic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each node's monthly schedule: every period it looks whether last month (in the installation's
 * time zone, by the injected clock) has its reports, and generates the missing ones, the whole
 * installation's first (mailed to every admin), then each site that had a conversation or ticket
 * in the month. On the 1st that is the month just ended; a node that was down then catches up
 * when it starts. A month that ended before the first site was created is not reported. Across
 * nodes each month and scope is generated exactly once
 * ({@link ComplianceService#generateScheduled}).
 *
 * <p>Thread-safe: runs on its own thread; {@link #runOnce} may also be called by tests.
 */
public final class ComplianceSchedule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ComplianceSchedule.class);

  private final ComplianceService service;
  private final ZoneId zone;
  private final String nodeId;
  private final Clock clock;
  private volatile Periodic task;

  /** {@code clock} tells which month it is (the system clock; tests pass their own). */
  public ComplianceSchedule(ComplianceService service, ZoneId zone, String nodeId, Clock clock) {
    this.service = service;
    this.zone = zone;
    this.nodeId = nodeId;
    this.clock = clock;
  }

  public void start(Duration period) {
    task = Periodic.start("compliance-schedule", Duration.ofSeconds(5), period, this::runOnce);
  }

  /** Generates what last month lacks; returns the reports this node generated. */
  public synchronized List<StoredReport> runOnce() {
    YearMonth last = YearMonth.now(clock.withZone(zone)).minusMonths(1);
    List<StoredReport> made = new ArrayList<>();
    Instant end = last.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    if (!service.store().anySiteBefore(end)) {
      return made;
    }
    service.generateScheduled(last, zone, StoredReport.ALL, nodeId,
        service.store().adminAddresses()).ifPresent(made::add);
    for (var site : service.store().sitesActive(last.atDay(1).atStartOfDay(zone).toInstant(),
        end)) {
      service.generateScheduled(last, zone, site.id(), nodeId, List.of()).ifPresent(made::add);
    }
    if (!made.isEmpty()) {
      LOG.info("compliance reports of {} generated: {}", last, made.size());
    }
    return made;
  }

  @Override
  public void close() {
    Periodic running = task;
    if (running != null) {
      running.close();
    }
  }
}
