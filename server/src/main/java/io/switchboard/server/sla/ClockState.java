package io.switchboard.server.sla;

import java.util.Locale;

/**
 * Where an SLA clock stands: counting (running, or at risk once the warning share of its target
 * is left), paused, past its target while still open (breached), or stopped (met, breached) or
 * cancelled.
 *
 * <p>Immutable and thread-safe.
 */
public enum ClockState {
  RUNNING, PAUSED, AT_RISK, BREACHED, MET, CANCELLED;

  /** The lower-case name used in the database and on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
