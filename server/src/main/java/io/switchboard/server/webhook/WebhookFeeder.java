package io.switchboard.server.webhook;

import io.switchboard.server.store.webhook.WebhookFeedDao;
import io.switchboard.server.store.webhook.WebhookFeedDao.Cursors;
import io.switchboard.server.store.webhook.WebhookOutboxDao;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the webhook outbox from the stored event history, off the chat path: every node runs
 * one, a PostgreSQL advisory lock lets one pass run at a time across nodes. Each pass reads the
 * histories above its cursors less a margin (a transaction with a lower id may commit after a
 * higher one was read; messages, ratings and new contacts by time, less a margin) and inserts
 * idempotently, one row per event and webhook, then moves the cursors. The first pass on a
 * database starts the cursors at the histories' heads. Delivered and failed rows older than
 * {@link #KEEP_LOG} are pruned in small batches.
 *
 * <p>Thread-safe: passes are serialised by the lock; {@link #start} and {@link #close} are
 * called once each.
 */
public final class WebhookFeeder implements AutoCloseable {
  /** What one pass did: whether it ran (held the lock) and the rows it inserted. */
  public record Pass(boolean ran, int inserted) {}

  /** How far below each id cursor a pass reads again. */
  static final long ID_MARGIN = 1_000;
  /** How far before the last pass a pass reads messages, ratings and contacts again. */
  static final long TIME_MARGIN_SECONDS = 15;
  /** How long the delivery log keeps delivered and failed rows. */
  public static final Duration KEEP_LOG = Duration.ofDays(30);
  private static final Logger LOG = LoggerFactory.getLogger(WebhookFeeder.class);

  private final WebhookFeedDao feed;
  private final WebhookOutboxDao outbox;
  private final Clock clock;
  private final Runnable fed;
  private ScheduledExecutorService scheduler;

  /**
   * @param clock stamps new rows as due (the dispatcher's clock)
   * @param fed told after a pass that inserted rows (wakes the dispatcher)
   */
  public WebhookFeeder(WebhookFeedDao feed, WebhookOutboxDao outbox, Clock clock, Runnable fed) {
    this.feed = feed;
    this.outbox = outbox;
    this.clock = clock;
    this.fed = fed;
  }

  /** Runs a pass every {@code period} in the background. */
  public synchronized void start(Duration period) {
    scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "webhook-feeder");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        runOnce();
        outbox.prune(clock.instant().minus(KEEP_LOG), 1_000);
      } catch (RuntimeException e) {
        LOG.warn("webhook feeding failed; the next pass tries again", e);
      }
    }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One pass; does nothing when another node is feeding. */
  public Pass runOnce() {
    try (Handle handle = feed.jdbi().open()) {
      if (!feed.tryLock(handle)) {
        return new Pass(false, 0);
      }
      try {
        Optional<Cursors> cursors = feed.cursors(handle);
        if (cursors.isEmpty()) {
          feed.start(handle);
          return new Pass(true, 0);
        }
        int inserted = feed.feed(handle, cursors.get(), ID_MARGIN, TIME_MARGIN_SECONDS,
            clock.instant()).inserted();
        if (inserted > 0) {
          fed.run();
        }
        return new Pass(true, inserted);
      } finally {
        feed.unlock(handle);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
