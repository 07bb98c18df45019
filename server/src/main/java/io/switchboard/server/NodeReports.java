package io.switchboard.server;

import io.switchboard.server.api.ReportApi;
import io.switchboard.server.report.ReportService;
import io.switchboard.server.report.ReportUpdater;
import io.switchboard.server.store.report.ReportFactDao;
import io.switchboard.server.store.report.ReportListDao;
import io.switchboard.server.store.report.ReportQueryDao;
import java.time.Duration;

/**
 * A node's reports: the updater that keeps the report facts up to date (one pass at a time across
 * nodes), the report service over the facts, and {@code /v1/reports/*}.
 *
 * <p>Thread-safe: everything it builds is; {@link #close} is called once.
 */
final class NodeReports implements AutoCloseable {
  /** How often the updater looks for changed history. */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

  private final ReportUpdater updater;

  private NodeReports(ReportUpdater updater) {
    this.updater = updater;
  }

  static NodeReports start(NodeServiceDesk.Parts parts) {
    ReportService reports = new ReportService(new ReportQueryDao(parts.jdbi()),
        new ReportListDao(parts.jdbi()));
    new ReportApi(reports, parts.auth(), parts.store(), parts.presence(), parts.businessClock())
        .register(parts.api());
    ReportUpdater updater = new ReportUpdater(new ReportFactDao(parts.jdbi()), parts.clock(),
        POLL_INTERVAL);
    updater.start();
    return new NodeReports(updater);
  }

  @Override
  public void close() {
    updater.close();
  }
}
