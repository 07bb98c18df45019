package io.switchboard.sdk;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one {@link ClientSession}, gathered from {@link ChatClient.Builder}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param backoff delays between reconnects, and between retries of a failed send or resume
 * @param requestTimeout how long to wait for a reply (and for {@code welcome} after an upgrade)
 * @param heartbeatInterval how often to ping an idle connection; zero turns pings off
 * @param listener receives events and state changes
 * @param log records sends, acks and deliveries
 */
record SessionSettings(
    Backoff backoff, Duration requestTimeout, Duration heartbeatInterval, ChatListener listener,
    ClientLog log) {
  SessionSettings {
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(log, "log");
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive, not " + requestTimeout);
    }
    if (heartbeatInterval.isNegative()) {
      throw new IllegalArgumentException("heartbeatInterval must not be negative");
    }
  }
}
