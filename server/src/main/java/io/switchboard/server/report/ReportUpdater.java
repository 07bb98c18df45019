package io.switchboard.server.report;

import io.switchboard.server.store.report.ReportFactDao;
import io.switchboard.server.store.report.ReportFactDao.Cursors;
import io.switchboard.server.store.report.ReportFactDao.Touched;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the report facts up to date from the event history. Every node runs one; a PostgreSQL
 * advisory lock lets one pass run at a time across nodes. The first pass on a database backfills
 * every conversation and ticket (set-based, in chunks); each later pass finds what was touched
 * since the cursors (ids re-read with a margin, since a transaction with a lower id may commit
 * after a higher one was read; messages and ratings by time, with a margin) and recomputes the
 * fact of each touched conversation and ticket from its full history, writing those that changed
 * and committing facts and cursors in one transaction.
 *
 * <p>Thread-safe: passes are serialised by the lock; {@link #start} and {@link #close} are
 * called once each.
 */
public final class ReportUpdater implements AutoCloseable {
  /** What one pass did. */
  public record Pass(boolean ran, boolean backfill, int conversations, int tickets,
      Duration took) {}

  /** How far below each id cursor a pass reads again. */
  static final long ID_MARGIN = 5_000;
  /** How far before the last pass a pass reads messages and ratings again, in seconds. */
  static final long TIME_MARGIN_SECONDS = 300;
  private static final int CHUNK = 20_000;
  private static final Logger LOG = LoggerFactory.getLogger(ReportUpdater.class);

  private final ReportFactDao facts;
  private final Clock clock;
  private final Duration pollInterval;
  private final long idMargin;
  private ScheduledExecutorService scheduler;

  public ReportUpdater(ReportFactDao facts, Clock clock, Duration pollInterval) {
    this(facts, clock, pollInterval, ID_MARGIN);
  }

  /** With another id margin: a test's small history fits in the default one whole. */
  ReportUpdater(ReportFactDao facts, Clock clock, Duration pollInterval, long idMargin) {
    this.facts = facts;
    this.clock = clock;
    this.pollInterval = pollInterval;
    this.idMargin = idMargin;
  }

  /** Runs a pass every poll interval in the background. */
  public synchronized void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "report-updater");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        runOnce();
      } catch (RuntimeException e) {
        LOG.warn("report update failed; the next pass tries again", e);
      }
    }, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One pass: backfills a database without facts, else applies what changed. */
  public Pass runOnce() {
    Instant began = clock.instant();
    try (Handle handle = facts.jdbi().open()) {
      if (!facts.tryLock(handle)) {
        return new Pass(false, false, 0, 0, Duration.ZERO);
      }
      try {
        Optional<Cursors> cursors = facts.cursors(handle);
        Pass pass = cursors.isEmpty() ? backfill(handle, began) : update(handle, cursors.get(),
            began);
        if (pass.backfill()) {
          LOG.info("report facts backfilled: {} conversations, {} tickets in {}",
              pass.conversations(), pass.tickets(), pass.took());
        }
        return pass;
      } finally {
        facts.unlock(handle);
      }
    }
  }

  private Pass update(Handle handle, Cursors cursors, Instant began) {
    return handle.inTransaction(tx -> {
      Touched touched = facts.touched(tx, cursors, idMargin, TIME_MARGIN_SECONDS);
      for (Set<UUID> chunk : chunks(touched.conversations())) {
        facts.recomputeChats(tx, chunk);
      }
      for (Set<UUID> chunk : chunks(touched.tickets())) {
        facts.recomputeTickets(tx, chunk);
      }
      facts.saveCursors(tx, touched.heads());
      return new Pass(true, false, touched.conversations().size(), touched.tickets().size(),
          Duration.between(began, clock.instant()));
    });
  }

  private Pass backfill(Handle handle, Instant began) {
    Cursors heads = facts.heads(handle);
    int conversations = 0;
    UUID after = new UUID(0, 0);
    UUID low = after;
    List<UUID> ids;
    while (!(ids = facts.conversationIds(handle, after, CHUNK)).isEmpty()) {
      Set<UUID> chunk = new LinkedHashSet<>(ids);
      handle.useTransaction(tx -> facts.recomputeChats(tx, chunk));
      conversations += ids.size();
      after = ids.get(ids.size() - 1);
    }
    int tickets = 0;
    after = low;
    while (!(ids = facts.ticketIds(handle, after, CHUNK)).isEmpty()) {
      Set<UUID> chunk = new LinkedHashSet<>(ids);
      handle.useTransaction(tx -> facts.recomputeTickets(tx, chunk));
      tickets += ids.size();
      after = ids.get(ids.size() - 1);
    }
    handle.useTransaction(tx -> facts.saveCursors(tx, heads));
    return new Pass(true, true, conversations, tickets, Duration.between(began, clock.instant()));
  }

  private static List<Set<UUID>> chunks(Set<UUID> ids) {
    List<Set<UUID>> chunks = new ArrayList<>();
    Set<UUID> chunk = new LinkedHashSet<>();
    for (UUID id : ids) {
      chunk.add(id);
      if (chunk.size() == CHUNK) {
        chunks.add(chunk);
        chunk = new LinkedHashSet<>();
      }
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return chunks;
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
