package io.switchboard.server.report;

/**
 * How a duration spread over the items a metric measured: how many, their mean, median and 90th
 * percentile, in seconds. Averages alone mislead, so every screen shows the median and the 90th
 * percentile beside the mean. The figures are null when nothing was measured.
 *
 * <p>Immutable, thread-safe.
 */
public record Distribution(long count, Double average, Long median, Long p90) {
  /** Nothing measured. */
  public static final Distribution EMPTY = new Distribution(0, null, null, null);
}
