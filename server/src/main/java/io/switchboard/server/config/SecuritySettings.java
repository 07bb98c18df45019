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
 * @param login how failed logins lock an account or an address
 * @param hashingThreads threads that hash passwords (logins, password changes)
 * @param hashingQueue logins that may wait for a hashing thread; more are refused at once
 * @param rates the rate limits and the proxies trusted to name the client address
 * @param transit TLS on the node, towards PostgreSQL and Redis, and the deployment profile
 * @param webhooksAllowHttp whether webhook endpoints may use plain http to any host (else
 *     https, or http only to a loopback address)
 */
public record SecuritySettings(Set<String> staffOrigins, Duration revocationSweep,
    LoginPolicy login, int hashingThreads, int hashingQueue, RateLimits rates,
    TransitSecurity transit, boolean webhooksAllowHttp) {
  static final Set<String> KEYS = Set.of("SWITCHBOARD_STAFF_ORIGINS",
      "SWITCHBOARD_REVOCATION_SWEEP_MS", "SWITCHBOARD_LOGIN_ACCOUNT_ATTEMPTS",
      "SWITCHBOARD_LOGIN_ADDRESS_ATTEMPTS", "SWITCHBOARD_LOGIN_WINDOW_SECONDS",
      "SWITCHBOARD_LOGIN_LOCK_SECONDS", "SWITCHBOARD_LOGIN_MAX_LOCK_SECONDS",
      "SWITCHBOARD_HASHING_THREADS", "SWITCHBOARD_HASHING_QUEUE",
      "SWITCHBOARD_WEBHOOKS_ALLOW_HTTP");

  /**
   * Failed logins: {@code accountAttempts} per account (or {@code addressAttempts} per client
   * address) within {@code window} lock it for {@code firstLock}, doubling with each further lock
   * up to {@code maxLock}.
   */
  public record LoginPolicy(int accountAttempts, int addressAttempts, Duration window,
      Duration firstLock, Duration maxLock) {}

  public SecuritySettings {
    staffOrigins = Set.copyOf(staffOrigins);
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
    LoginPolicy login = new LoginPolicy(
        s.integer("SWITCHBOARD_LOGIN_ACCOUNT_ATTEMPTS", 5, 1, 1000),
        s.integer("SWITCHBOARD_LOGIN_ADDRESS_ATTEMPTS", 50, 1, 100_000),
        Duration.ofSeconds(s.integer("SWITCHBOARD_LOGIN_WINDOW_SECONDS", 900, 1, 86_400)),
        Duration.ofSeconds(s.integer("SWITCHBOARD_LOGIN_LOCK_SECONDS", 60, 1, 86_400)),
        Duration.ofSeconds(s.integer("SWITCHBOARD_LOGIN_MAX_LOCK_SECONDS", 3600, 1, 604_800)));
    int cores = Runtime.getRuntime().availableProcessors();
    return new SecuritySettings(origins,
        Duration.ofMillis(s.integer("SWITCHBOARD_REVOCATION_SWEEP_MS", 2000, 100, 60_000)), login,
        s.integer("SWITCHBOARD_HASHING_THREADS", Math.max(1, Math.min(2, cores - 1)), 1, 64),
        s.integer("SWITCHBOARD_HASHING_QUEUE", 16, 0, 10_000), RateLimits.load(s),
        TransitSecurity.load(s), s.bool("SWITCHBOARD_WEBHOOKS_ALLOW_HTTP", false));
  }
}
