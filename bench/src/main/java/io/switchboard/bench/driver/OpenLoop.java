package io.switchboard.bench.driver;

import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop schedule: operation {@code i} is due at {@code start + i / rate}, whatever happened
 * to earlier ones. The caller's action gets each operation's intended time, so a stalled server
 * shows up as latency (measured from when the operation should have been sent) rather than as a
 * quietly lower rate.
 *
 * <p>Not thread-safe: one thread runs a schedule.
 */
public final class OpenLoop {
  /** One scheduled operation. */
  public interface Action {
    void run(long index, long intendedMicros);
  }

  private OpenLoop() {}

  /**
   * Runs {@code rate} operations a second for {@code seconds}, or {@code limit} in all if that is
   * smaller (limit 0: no limit). Returns how many were issued.
   */
  public static long run(double rate, double seconds, long limit, Action action) {
    long total = (long) Math.floor(rate * seconds);
    if (limit > 0) {
      total = Math.min(total, limit);
    }
    long start = Micros.now();
    double intervalMicros = 1_000_000.0 / rate;
    long issued = 0;
    while (issued < total) {
      long now = Micros.now();
      long due = Math.min(total, (long) ((now - start) / intervalMicros) + 1);
      while (issued < due) {
        action.run(issued, start + (long) (issued * intervalMicros));
        issued++;
      }
      if (issued < total) {
        LockSupport.parkNanos(100_000);
      }
    }
    return issued;
  }
}
