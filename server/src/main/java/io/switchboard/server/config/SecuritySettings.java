package io.switchboard.server.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The settings that guard the doors: which browser origins may open a staff WebSocket besides
 * the console's own, and how often a node re-checks the tokens of its open staff sessions.
 *
 * <p>Immutable and thread-safe.
 *
 * @param staffOrigins extra origins (exact, such as {@code https://support.example.com}) from
 *     which a staff WebSocket may be opened; the server's own origin is always allowed
 * @param revocationSweep how often each node re-checks its open staff sessions' tokens (a
 *     revoked or expired token, or a disabled user, closes the session)
 */
public record SecuritySettings(Set<String> staffOrigins, Duration revocationSweep) {
  static final Set<String> KEYS = Set.of("SWITCHBOARD_STAFF_ORIGINS",
      "SWITCHBOARD_REVOCATION_SWEEP_MS");

  public SecuritySettings {
    staffOrigins = Set.copyOf(staffOrigins);
  }

  /** The defaults: no extra staff origins, a sweep every two seconds. */
  public static SecuritySettings defaults() {
    return new SecuritySettings(Set.of(), Duration.ofSeconds(2));
  }

  static SecuritySettings load(Settings s) {
    Set<String> origins = new LinkedHashSet<>();
    String list = s.text("SWITCHBOARD_STAFF_ORIGINS", "");
    for (String origin : Arrays.stream(list.split(",")).map(String::trim)
        .filter(o -> !o.isEmpty()).toList()) {
      if (!origin.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?")) {
        s.problems().add("SWITCHBOARD_STAFF_ORIGINS: " + origin
            + " is not an origin like https://support.example.com (scheme, host, optional port)");
      }
      origins.add(origin);
    }
    return new SecuritySettings(origins,
        Duration.ofMillis(s.integer("SWITCHBOARD_REVOCATION_SWEEP_MS", 2000, 100, 60_000)));
  }
}
