package io.switchboard.server.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system clock plus an offset a test moves forward: time runs as usual, and a test that must
 * see a deadline pass jumps past it instead of sleeping. Thread-safe.
 */
public final class OffsetClock extends Clock {
  private final AtomicLong offsetMillis = new AtomicLong();

  /** Moves this clock {@code by} forward, for good. */
  public void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("a clock the nodes read only moves forward: " + by);
    }
    offsetMillis.addAndGet(by.toMillis());
  }

  @Override
  public Instant instant() {
    return Instant.now().plusMillis(offsetMillis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
