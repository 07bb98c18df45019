package io.switchboard.checker;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The result of a check: the violations found, and the counts a fault run reports (messages sent,
 * acknowledged, lost, duplicated, still unacknowledged, and how often a client reloaded a
 * conversation from seq 1).
 *
 * <p>Immutable and thread-safe.
 */
public record CheckReport(
    List<Violation> violations, long sent, long acknowledged, long lost, long duplicated,
    long unacknowledged, long reloads) {

  public CheckReport {
    violations = List.copyOf(violations);
  }

  public boolean clean() {
    return violations.isEmpty();
  }

  /** How many violations of each kind. */
  public Map<Violation.Kind, Long> counts() {
    return violations.stream()
        .collect(Collectors.groupingBy(Violation::kind, java.util.TreeMap::new, Collectors.counting()));
  }

  /** A short summary with at most {@code limit} violations spelled out. */
  public String summary(int limit) {
    StringBuilder text = new StringBuilder(String.format(
        "sent %d, acknowledged %d, lost %d, duplicated %d, unacknowledged %d, reloads %d; %s",
        sent, acknowledged, lost, duplicated, unacknowledged, reloads,
        clean() ? "no violations" : violations.size() + " violations " + counts()));
    violations.stream().limit(limit).forEach(violation -> text.append("\n  ").append(violation));
    return text.toString();
  }

  @Override
  public String toString() {
    return summary(20);
  }
}
