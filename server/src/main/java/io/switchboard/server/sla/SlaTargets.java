package io.switchboard.server.sla;

import io.switchboard.server.store.ticket.TicketPriority;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * An SLA policy's targets, per metric and priority. A metric without a target for a priority
 * runs no clock at that priority.
 *
 * <p>Immutable and thread-safe.
 */
public record SlaTargets(Map<SlaMetric, Map<TicketPriority, Duration>> targets) {
  private static final Duration MAX = Duration.ofDays(365);

  public SlaTargets {
    Map<SlaMetric, Map<TicketPriority, Duration>> copy = new EnumMap<>(SlaMetric.class);
    targets.forEach((metric, byPriority) -> {
      byPriority.forEach((priority, target) -> {
        if (target.isNegative() || target.isZero() || target.compareTo(MAX) > 0) {
          throw new IllegalArgumentException("targets." + metric.wire() + "." + priority.wire()
              + ": from one second to 365 days");
        }
      });
      copy.put(metric, Map.copyOf(byPriority));
    });
    targets = Map.copyOf(copy);
  }

  public Optional<Duration> target(SlaMetric metric, TicketPriority priority) {
    return Optional.ofNullable(targets.getOrDefault(metric, Map.of()).get(priority));
  }

  /**
   * The contracts' targets: first response 1 h, initial solution 4 h, resolution 24 h at normal
   * priority; low 2 h / 8 h / 48 h; high 30 min / 2 h / 12 h; urgent 15 min / 1 h / 4 h; next
   * response 4 h, 2 h, 1 h, 30 min from low to urgent.
   */
  public static SlaTargets contractDefault() {
    return new SlaTargets(Map.of(
        SlaMetric.FIRST_RESPONSE, byPriority(120, 60, 30, 15),
        SlaMetric.NEXT_RESPONSE, byPriority(240, 120, 60, 30),
        SlaMetric.INITIAL_SOLUTION, byPriority(480, 240, 120, 60),
        SlaMetric.RESOLUTION, byPriority(2880, 1440, 720, 240)));
  }

  private static Map<TicketPriority, Duration> byPriority(long low, long normal, long high,
      long urgent) {
    return Map.of(TicketPriority.LOW, Duration.ofMinutes(low),
        TicketPriority.NORMAL, Duration.ofMinutes(normal),
        TicketPriority.HIGH, Duration.ofMinutes(high),
        TicketPriority.URGENT, Duration.ofMinutes(urgent));
  }
}
