package io.switchboard.server.compliance;

import io.switchboard.server.report.Distribution;

/**
 * One line of the compliance report's definitions table: a stable id, the section it belongs to,
 * its unit ({@code percent}, {@code rate} 0..1, {@code seconds}, {@code count}, {@code score}),
 * and either a single value or a distribution (count, average, median, 90th percentile). SLA
 * lines also carry how many clocks met and breached. Names are looked up by id in
 * {@link ComplianceText}.
 *
 * <p>Immutable, thread-safe.
 */
public record Metric(String id, String section, String unit, Double value, Distribution spread,
    Long met, Long breached) {
  static Metric of(String id, String section, String unit, Double value) {
    return new Metric(id, section, unit, value, null, null, null);
  }

  static Metric count(String id, String section, long value) {
    return of(id, section, "count", (double) value);
  }

  static Metric spread(String id, String section, Distribution spread) {
    return new Metric(id, section, "seconds", spread.average(), spread, null, null);
  }
}
