package io.switchboard.sdk;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Jittered exponential backoff: the delay before attempt {@code n} (counted from 0) is uniformly
 * random between {@code min} and {@code min(max, min * 2^(n+1))}. The randomness spreads out
 * clients that lost their connections at the same moment, so a restarted server is not hit by all
 * of them at once.
 *
 * <p>Thread-safe: immutable apart from the random generator, and {@link Random} is thread-safe.
 */
final class Backoff {
  private final long minMillis;
  private final long maxMillis;
  private final Random random;

  Backoff(Duration min, Duration max) {
    this(min, max, new Random());
  }

  Backoff(Duration min, Duration max, Random random) {
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    if (min.isNegative() || min.isZero()) {
      throw new IllegalArgumentException("min backoff must be positive, not " + min);
    }
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException("max backoff " + max + " is below min " + min);
    }
    this.minMillis = min.toMillis();
    this.maxMillis = max.toMillis();
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The delay before attempt {@code attempt}; 0 is the first retry. */
  Duration delay(int attempt) {
    long ceiling = ceilingMillis(attempt);
    long jitter = ceiling > minMillis ? random.nextLong(ceiling - minMillis + 1) : 0;
    return Duration.ofMillis(minMillis + jitter);
  }

  /** The largest delay attempt {@code attempt} can get. */
  long ceilingMillis(int attempt) {
    if (attempt < 0) {
      throw new IllegalArgumentException("attempt must be 0 or more, not " + attempt);
    }
    int doublings = Math.min(attempt + 1, 62);
    long ceiling = minMillis << doublings;
    if (ceiling <= 0 || ceiling >> doublings != minMillis) {
      return maxMillis;
    }
    return Math.min(maxMillis, ceiling);
  }
}
