package io.switchboard.server.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One cycle of a clock while a history is walked: the spans it ran, whether it runs now, and how
 * it ended. {@link SlaClocks} turns it into an {@link SlaClock}.
 *
 * <p>Not thread-safe: lives inside one computation.
 */
final class ClockCycle {
  private record Span(Instant from, Instant to) {}

  final SlaMetric metric;
  final int cycle;
  final Instant startedAt;
  private final List<Span> spans = new ArrayList<>();
  private Instant runningSince;
  Instant stoppedAt;
  boolean cancelled;
  /** The target a stopped or cancelled clock keeps. */
  Duration finalTarget;

  ClockCycle(SlaMetric metric, int cycle, Instant startedAt, boolean paused) {
    this.metric = metric;
    this.cycle = cycle;
    this.startedAt = startedAt;
    this.runningSince = paused ? null : startedAt;
  }

  boolean open() {
    return stoppedAt == null;
  }

  boolean running() {
    return open() && runningSince != null;
  }

  void pause(Instant at) {
    if (running()) {
      spans.add(new Span(runningSince, at));
      runningSince = null;
    }
  }

  void resume(Instant at) {
    if (open() && runningSince == null) {
      runningSince = at;
    }
  }

  /** Stops it (met or breached, or {@code cancelled}) with the target it had then. */
  void stop(Instant at, Duration target, boolean cancel) {
    pause(at);
    stoppedAt = at;
    cancelled = cancel;
    finalTarget = target;
  }

  /** A reopened resolution: it counts on from the time it had. */
  void reopen(Instant at, boolean paused) {
    stoppedAt = null;
    cancelled = false;
    finalTarget = null;
    runningSince = paused ? null : at;
  }

  /** The business time counted up to {@code now}. */
  Duration elapsed(BusinessCalendar calendar, Instant now) {
    Duration total = Duration.ZERO;
    for (Span span : spans) {
      total = total.plus(calendar.elapsed(span.from(), span.to()));
    }
    if (running()) {
      total = total.plus(calendar.elapsed(runningSince, now));
    }
    return total;
  }

  /**
   * The instant at which {@code amount} of business time was counted: inside a closed span, or
   * counted on from the last span's start as if it had not ended ({@code extendLast}, for the
   * deadline a stopped clock had), or from the running span. Null when the clock is paused
   * before it.
   */
  Instant instantAt(BusinessCalendar calendar, Duration amount, boolean extendLast) {
    Duration left = amount;
    List<Span> all = new ArrayList<>(spans);
    if (running()) {
      all.add(new Span(runningSince, null));
    }
    for (int i = 0; i < all.size(); i++) {
      Span span = all.get(i);
      boolean last = i == all.size() - 1;
      if (span.to() == null || (last && extendLast)) {
        return calendar.deadline(span.from(), left);
      }
      Duration here = calendar.elapsed(span.from(), span.to());
      if (left.compareTo(here) <= 0) {
        return calendar.deadline(span.from(), left);
      }
      left = left.minus(here);
    }
    return null;
  }
}
