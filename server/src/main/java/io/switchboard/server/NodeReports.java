package io.switchboard.server;

import io.switchboard.server.agentstatus.AgentTimeService;
import io.switchboard.server.api.AgentTimeApi;
import io.switchboard.server.api.ReportApi;
import io.switchboard.server.report.ReportService;
import io.switchboard.server.report.ReportUpdater;
import io.switchboard.server.report.index.ReportIndex;
import io.switchboard.server.store.agentstatus.AgentTimeDao;
import io.switchboard.server.store.report.ReportFactDao;
import io.switchboard.server.store.report.ReportIndexDao;
import io.switchboard.server.store.report.ReportListDao;
import io.switchboard.server.store.report.ReportQueryDao;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's reports: the updater that keeps the report facts up to date (one pass at a time across
 * nodes), the in-memory report index that answers from them (loaded in the background; until then
 * the database answers), the report service, {@code /v1/reports/*} and the agent time report.
 *
 * <p>Thread-safe: everything it builds is; {@link #close} is called once.
 */
final class NodeReports implements AutoCloseable {
  /** How often the updater looks for changed history. */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(NodeReports.class);

  private final ReportUpdater updater;
  private final Thread loader;

  private NodeReports(ReportUpdater updater, Thread loader) {
    this.updater = updater;
    this.loader = loader;
  }

  static NodeReports start(NodeServiceDesk.Parts parts) {
    ReportIndex index = new ReportIndex(new ReportIndexDao(parts.jdbi()),
        new ReportQueryDao(parts.jdbi()), parts.clock());
    ReportService reports = new ReportService(index, new ReportListDao(parts.jdbi()));
    new ReportApi(reports, parts.auth(), parts.store(), parts.presence(), parts.businessClock())
        .register(parts.api());
    new AgentTimeApi(new AgentTimeService(new AgentTimeDao(parts.jdbi()), index, parts.clock()),
        parts.auth(), parts.store()).register(parts.api());
    ReportUpdater updater = new ReportUpdater(new ReportFactDao(parts.jdbi()), parts.clock(),
        POLL_INTERVAL);
    updater.start();
    Thread loader = Thread.ofPlatform().daemon().name("report-index-load").start(() -> {
      long started = System.nanoTime();
      try {
        int[] counts = index.load();
        LOG.info("Report index loaded: {} chats, {} tickets in {} ms", counts[0], counts[1],
            (System.nanoTime() - started) / 1_000_000);
      } catch (RuntimeException e) {
        LOG.warn("Report index not loaded; reports read the database", e);
      }
    });
    return new NodeReports(updater, loader);
  }

  @Override
  public void close() {
    updater.close();
    try {
      loader.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
