package io.switchboard.server.util;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a background task again and again on its own daemon thread, with a fixed pause between the
 * end of one run and the start of the next. A run that throws is logged and the next one still
 * happens, so one failure (say, Redis briefly away) never stops the task for good.
 *
 * <p>Thread-safe.
 */
public final class Periodic implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Periodic.class);
  private final ScheduledExecutorService timer;
  private final String name;
  /** The thread that runs the task (set by its first run). */
  private volatile Thread runner;

  private Periodic(String name, Duration initialDelay, Duration period, Runnable task) {
    this.name = name;
    this.timer = Executors.newSingleThreadScheduledExecutor(NamedThreads.factory(name, true));
    timer.scheduleWithFixedDelay(() -> {
      runner = Thread.currentThread();
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.warn("{} failed: {}", name, e.toString());
      }
    }, initialDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts {@code task} after {@code initialDelay}, then every {@code period} after each run. */
  public static Periodic start(String name, Duration initialDelay, Duration period, Runnable task) {
    return new Periodic(name, initialDelay, period, task);
  }

  /**
   * Stops the task: interrupts a run in progress and waits up to three seconds for it to end, so
   * that nothing it reaches (the stores) is closed under it. Called from the task itself, it only
   * stops it.
   */
  @Override
  public void close() {
    timer.shutdownNow();
    if (Thread.currentThread() == runner) {
      return;
    }
    try {
      if (!timer.awaitTermination(3, TimeUnit.SECONDS)) {
        LOG.warn("{} did not stop within 3 s", name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
