package io.switchboard.server.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * One rate limit: at most {@code count} actions per {@code per}, as a token bucket that holds
 * {@code count} tokens (the burst) and refills evenly over {@code per}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the limit's name, part of its Redis keys (letters, digits, {@code -})
 * @param count the burst, and the actions allowed per period
 * @param per the period
 */
public record Limit(String name, int count, Duration per) {
  public Limit {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-z0-9-]{1,32}") || count < 1 || per.isNegative() || per.isZero()) {
      throw new IllegalArgumentException("invalid limit " + name + " " + count + "/" + per);
    }
  }

  /** Milliseconds to refill one token (at least 1). */
  long refillMillis() {
    return Math.max(1, per.toMillis() / count);
  }

  /**
   * Reads {@code N/S}: N actions per S seconds.
   *
   * @throws IllegalArgumentException when the text is not of that shape
   */
  public static Limit parse(String name, String text) {
    String[] parts = text.trim().split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException(name + ": " + text + " is not N/S (N actions per S seconds)");
    }
    try {
      return new Limit(name, Integer.parseInt(parts[0].trim()),
          Duration.ofSeconds(Long.parseLong(parts[1].trim())));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": " + text + " is not N/S (N actions per S seconds)");
    }
  }
}
