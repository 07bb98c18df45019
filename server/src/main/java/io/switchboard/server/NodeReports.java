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
import io.switchboard.server.util.Periodic;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's reports: the updater that keeps the report facts up to date (one pass at a time across
 * nodes), the in-memory report index that answers from them (loaded in the background; until then
 * the database answers), the hourly pruning of the report changes it follows, the report
 * service, {@code /v1/reports/*} and the agent time report. Report queries in SQL read from the
 * replica when one is configured; the live figures, the rating comments and the index's change
 * log read the primary.
 *
 * <p>Thread-safe: everything it builds is; {@link #close} is called once.
 */
final class NodeReports implements AutoCloseable {
  /** How often the updater looks for changed history. */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(NodeReports.class);

  /** How often each node forgets report changes older than a day, read by an index or not. */
  static final Duration PRUNE_INTERVAL = Duration.ofHours(1);

  private final ReportUpdater updater;
  private final Thread loader;
  private final Periodic pruner;

  private NodeReports(ReportUpdater updater, Thread loader, Periodic pruner) {
    this.updater = updater;
    this.loader = loader;
    this.pruner = pruner;
  }

  static NodeReports start(NodeServiceDesk.Parts parts) {
    ReportIndexDao changes = new ReportIndexDao(parts.jdbi());
    ReportIndex index = new ReportIndex(changes, new ReportQueryDao(parts.readJdbi()));
    ReportService reports = new ReportService(index, new ReportListDao(parts.jdbi()));
    new ReportApi(reports, parts.auth(), parts.store(), parts.presence(), parts.businessClock())
        .register(parts.api());
    new AgentTimeApi(new AgentTimeService(new AgentTimeDao(parts.readJdbi()), index, parts.clock()),
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
    Periodic pruner = Periodic.start("report-changes-prune", Duration.ofMinutes(1),
        PRUNE_INTERVAL, changes::prune);
    return new NodeReports(updater, loader, pruner);
  }

  @Override
  public void close() {
    pruner.close();
    updater.close();
    try {
      loader.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
