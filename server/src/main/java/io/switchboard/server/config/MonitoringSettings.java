package io.switchboard.server.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * How a node is watched and stopped: who may read {@code /metrics}, the log format, and how long
 * a stopping node keeps answering 503 before it closes its port (README, "Monitoring").
 *
 * <p>Immutable and thread-safe.
 *
 * @param metricsToken the bearer token {@code /metrics} asks everyone for; null means the
 *     endpoint answers loopback clients only, without a token
 * @param logFormat {@code text} or {@code json}; read by logback itself from the same variable
 * @param drainGrace how long a node that got SIGTERM stays up unready (answering 503) so that
 *     load balancers notice before its port closes
 */
public record MonitoringSettings(String metricsToken, String logFormat, Duration drainGrace) {
  static final Set<String> KEYS = Set.of("SWITCHBOARD_METRICS_TOKEN", "SWITCHBOARD_LOG_FORMAT",
      "SWITCHBOARD_DRAIN_SECONDS");

  /** No token, text logs, a five-second drain. */
  public static MonitoringSettings defaults() {
    return new MonitoringSettings(null, "text", Duration.ofSeconds(5));
  }

  static MonitoringSettings load(Settings s) {
    String token = s.text("SWITCHBOARD_METRICS_TOKEN", null);
    if (token != null && token.isBlank()) {
      token = null;
    }
    if (token != null && token.length() < 16) {
      s.problems().add("SWITCHBOARD_METRICS_TOKEN must be at least 16 characters long");
    }
    String format = s.text("SWITCHBOARD_LOG_FORMAT", "text").toLowerCase(Locale.ROOT);
    if (!format.equals("text") && !format.equals("json")) {
      s.problems().add("SWITCHBOARD_LOG_FORMAT=" + format + " must be text or json");
    }
    Duration drain = Duration.ofSeconds(s.integer("SWITCHBOARD_DRAIN_SECONDS", 5, 0, 300));
    return new MonitoringSettings(token, format, drain);
  }

  @Override
  public String toString() {
    return "MonitoringSettings[metricsToken=" + (metricsToken == null ? "none" : "***")
        + ", logFormat=" + logFormat + ", drainGrace=" + drainGrace + "]";
  }
}
