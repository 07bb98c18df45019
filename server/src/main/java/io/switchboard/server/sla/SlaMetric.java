package io.switchboard.server.sla;

import java.util.Locale;

/**
 * What an SLA clock measures: the wait for the first public reply, for the next reply after each
 * message of the requester, for a proposed solution (or the first solve), and for the solve.
 *
 * <p>Immutable and thread-safe.
 */
public enum SlaMetric {
  FIRST_RESPONSE, NEXT_RESPONSE, INITIAL_SOLUTION, RESOLUTION;

  /** The lower-case name used in the database and on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The metric named {@code wire}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static SlaMetric fromWire(String wire) {
    for (SlaMetric metric : values()) {
      if (metric.wire().equals(wire)) {
        return metric;
      }
    }
    throw new IllegalArgumentException("unknown SLA metric: " + wire);
  }

  /** Whether the ticket waiting on the customer or a third party stops this clock counting. */
  boolean pausable() {
    return this == INITIAL_SOLUTION || this == RESOLUTION;
  }
}
