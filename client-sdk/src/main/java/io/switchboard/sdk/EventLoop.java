package io.switchboard.sdk;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one thread on which a client changes its state: tasks run one at a time in submission
 * order, timers run there too, and a task that throws is logged instead of killing the thread.
 * After shutdown, new tasks are refused quietly.
 *
 * <p>Thread-safe: tasks and timers may be submitted from any thread.
 */
final class EventLoop {
  private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());

  private final ScheduledExecutorService executor;

  /** {@code executor} must run its tasks on a single thread. */
  EventLoop(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /** Runs {@code task} on the event thread; returns false when the loop has shut down. */
  boolean execute(Runnable task) {
    try {
      executor.execute(() -> runLogged(task));
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** Runs {@code task} on the event thread after {@code delay}; null after shutdown. */
  ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    try {
      return executor.schedule(() -> runLogged(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return null;
    }
  }

  /** The underlying scheduler, for components that schedule their own timeouts. */
  ScheduledExecutorService executor() {
    return executor;
  }

  static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  private static void runLogged(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "unexpected failure on the client event thread", e);
    }
  }
}
