package io.switchboard.server.config;

import java.time.Duration;
import java.util.Set;

/**
 * The settings of the ticket side: how often each node looks for SLA events that are due and
 * solved tickets to close, and a fault-test window.
 *
 * <p>Immutable and thread-safe.
 *
 * @param escalationPeriod how often each node's escalation scheduler runs
 * @param faultHold how long a node holds its claim on due clocks before firing them: zero in
 *     service; fault tests set it to kill a node between claiming and firing
 */
public record TicketSettings(Duration escalationPeriod, Duration faultHold) {
  static final Set<String> KEYS = Set.of("SWITCHBOARD_SLA_SCHEDULER_MS",
      "SWITCHBOARD_SLA_FAULT_HOLD_MS");

  static TicketSettings load(Settings s) {
    return new TicketSettings(
        Duration.ofMillis(s.integer("SWITCHBOARD_SLA_SCHEDULER_MS", 1000, 50, 60_000)),
        Duration.ofMillis(s.integer("SWITCHBOARD_SLA_FAULT_HOLD_MS", 0, 0, 600_000)));
  }
}
