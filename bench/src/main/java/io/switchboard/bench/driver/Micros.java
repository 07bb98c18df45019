package io.switchboard.bench.driver;

/**
 * The driver's clock for one-way latencies: microseconds of {@link System#nanoTime()}, which on
 * Linux is CLOCK_MONOTONIC and so the same for every process on the machine. A timestamp taken in
 * one driver process can be compared with one taken in another.
 *
 * <p>Stateless and thread-safe.
 */
public final class Micros {
  private Micros() {}

  public static long now() {
    return System.nanoTime() / 1_000;
  }
}
