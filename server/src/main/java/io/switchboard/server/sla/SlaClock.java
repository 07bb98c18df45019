package io.switchboard.server.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * One cycle of an SLA clock at a given instant, as {@link SlaClocks} computes it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param cycle 1 for every metric but {@code next_response}, which counts its cycles
 * @param stoppedAt when it was met, breached for good or cancelled; null while open
 * @param target the target it is measured against (the current priority's while open)
 * @param elapsed the business time it counted
 * @param atRiskAt when the warning share of the target was or will be left; null while paused
 *     before that point
 * @param deadline when the target runs out; null while paused before that point; for a stopped
 *     clock, the deadline it had when it stopped
 * @param breached whether the elapsed time reached the target
 */
public record SlaClock(SlaMetric metric, int cycle, ClockState state, Instant startedAt,
    Instant stoppedAt, Duration target, Duration elapsed, Instant atRiskAt, Instant deadline,
    boolean breached) {

  /** Whether the clock is still counting or paused (not met, finally breached or cancelled). */
  public boolean open() {
    return stoppedAt == null;
  }
}
