package io.switchboard.server.availability;

/**
 * What one probe came to: success, or the failure's reason (the step that failed and why), and
 * how long it took in milliseconds.
 *
 * <p>Immutable, thread-safe.
 */
public record ProbeOutcome(boolean ok, int latencyMs, String failure) {
  static ProbeOutcome success(long latencyMs) {
    return new ProbeOutcome(true, (int) Math.min(Integer.MAX_VALUE, latencyMs), null);
  }

  static ProbeOutcome failed(long latencyMs, String reason) {
    String text = reason == null || reason.isBlank() ? "failed" : reason;
    return new ProbeOutcome(false, (int) Math.min(Integer.MAX_VALUE, latencyMs),
        text.length() > 500 ? text.substring(0, 500) : text);
  }
}
