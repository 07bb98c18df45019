package io.switchboard.server.util;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Counts the cycles of a periodic background task: how many began, and the number of the last
 * one that ran to its end. A caller who must know that a whole cycle ran after some moment (a
 * test asserting that a cycle did nothing) notes {@link #started()} at that moment and waits until
 * {@link #finished()} exceeds it, instead of sleeping for longer than the period. A cycle that
 * throws or fails never counts as finished.
 *
 * <p>Thread-safe.
 */
public final class CycleCount {
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong finished = new AtomicLong();

  /** Runs one cycle of {@code cycle} and counts it. */
  public void run(Runnable cycle) {
    long number = started.incrementAndGet();
    cycle.run();
    finished.accumulateAndGet(number, Math::max);
  }

  /**
   * Runs one cycle whose work ends when the stage {@code cycle} returns completes, and counts it
   * as finished then.
   */
  public void runAsync(Supplier<? extends CompletionStage<?>> cycle) {
    long number = started.incrementAndGet();
    cycle.get().whenComplete((ignored, error) -> {
      if (error == null) {
        finished.accumulateAndGet(number, Math::max);
      }
    });
  }

  /** How many cycles began. */
  public long started() {
    return started.get();
  }

  /** The number of the last cycle that ran to its end (cycles are numbered from 1); 0 if none. */
  public long finished() {
    return finished.get();
  }
}
