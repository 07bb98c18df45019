package io.switchboard.server.testing;

import static org.awaitility.Awaitility.await;

import io.switchboard.server.util.CycleCount;
import java.time.Duration;
import java.util.Arrays;

/**
 * Waits for whole cycles of a node's background tasks (the queue reconciler, the routing
 * monitors), so a test can assert that a cycle did nothing right after one ran, instead of
 * sleeping for longer than the period.
 *
 * <p>Stateless and thread-safe.
 */
public final class Cycles {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Cycles() {}

  /**
   * Waits until each task has finished a whole cycle that began after this call, so whatever the
   * caller did before calling was in place for all of that cycle.
   */
  public static void awaitWholeCycle(CycleCount... tasks) {
    long[] marks = Arrays.stream(tasks).mapToLong(CycleCount::started).toArray();
    await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(10)).until(() -> {
      for (int i = 0; i < tasks.length; i++) {
        if (tasks[i].finished() <= marks[i]) {
          return false;
        }
      }
      return true;
    });
  }
}
