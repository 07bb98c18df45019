package io.switchboard.server.webhook;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failed delivery is tried again: exponential back-off from {@link #FIRST_DELAY},
 * doubling per attempt up to {@link #LONGEST_DELAY}, within {@link #WINDOW} of its first
 * attempt (or of its replay); an attempt that fails once the window has passed fails the
 * delivery for good. The last retry falls at the window's end.
 *
 * <p>Stateless and thread-safe.
 */
public final class RetrySchedule {
  public static final Duration FIRST_DELAY = Duration.ofSeconds(30);
  public static final Duration LONGEST_DELAY = Duration.ofHours(1);
  public static final Duration WINDOW = Duration.ofHours(24);

  private RetrySchedule() {}

  /** The delay after the {@code attempts}-th failed attempt (1 for the first). */
  public static Duration delay(int attempts) {
    int doublings = Math.min(Math.max(attempts - 1, 0), 20);
    Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
    return delay.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : delay;
  }

  /**
   * The next attempt after the {@code attempts}-th failed one at {@code now}, or null when the
   * delivery has failed for good.
   */
  public static Instant next(int attempts, Instant windowStart, Instant now) {
    Instant end = windowStart.plus(WINDOW);
    if (!now.isBefore(end)) {
      return null;
    }
    Instant next = now.plus(delay(attempts));
    return next.isAfter(end) ? end : next;
  }
}
