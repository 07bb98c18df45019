package io.switchboard.server.config;

import io.switchboard.server.ratelimit.Limit;
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
 */
public record SecuritySettings(Set<String> staffOrigins, Duration revocationSweep,
    LoginPolicy login, int hashingThreads, int hashingQueue, RateLimits rates) {
  static final Set<String> KEYS = Set.of("SWITCHBOARD_STAFF_ORIGINS",
      "SWITCHBOARD_REVOCATION_SWEEP_MS", "SWITCHBOARD_LOGIN_ACCOUNT_ATTEMPTS",
      "SWITCHBOARD_LOGIN_ADDRESS_ATTEMPTS", "SWITCHBOARD_LOGIN_WINDOW_SECONDS",
      "SWITCHBOARD_LOGIN_LOCK_SECONDS", "SWITCHBOARD_LOGIN_MAX_LOCK_SECONDS",
      "SWITCHBOARD_HASHING_THREADS", "SWITCHBOARD_HASHING_QUEUE",
      "SWITCHBOARD_RATE_VISITOR_TOKENS", "SWITCHBOARD_RATE_HANDSHAKES",
      "SWITCHBOARD_RATE_VISITOR_STARTS", "SWITCHBOARD_RATE_VISITOR_MESSAGES",
      "SWITCHBOARD_RATE_VISITOR_COMMANDS", "SWITCHBOARD_RATE_STAFF_COMMANDS",
      "SWITCHBOARD_RATE_ABUSE_STRIKES");

  /**
   * The rate limits, each N actions per S seconds: new visitor tokens and WebSocket handshakes
   * per client address, conversation starts, messages and all commands per visitor, all commands
   * per staff user; and how many refusals in a row close a socket with 4003.
   */
  public record RateLimits(Limit visitorTokens, Limit handshakes, Limit visitorStarts,
      Limit visitorMessages, Limit visitorCommands, Limit staffCommands, int abuseStrikes) {}

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
    RateLimits rates = new RateLimits(
        limit(s, "SWITCHBOARD_RATE_VISITOR_TOKENS", "visitor-tokens", "20/60"),
        limit(s, "SWITCHBOARD_RATE_HANDSHAKES", "handshakes", "120/60"),
        limit(s, "SWITCHBOARD_RATE_VISITOR_STARTS", "visitor-starts", "5/60"),
        limit(s, "SWITCHBOARD_RATE_VISITOR_MESSAGES", "visitor-messages", "20/10"),
        limit(s, "SWITCHBOARD_RATE_VISITOR_COMMANDS", "visitor-commands", "100/10"),
        limit(s, "SWITCHBOARD_RATE_STAFF_COMMANDS", "staff-commands", "300/10"),
        s.integer("SWITCHBOARD_RATE_ABUSE_STRIKES", 20, 1, 10_000));
    return new SecuritySettings(origins,
        Duration.ofMillis(s.integer("SWITCHBOARD_REVOCATION_SWEEP_MS", 2000, 100, 60_000)), login,
        s.integer("SWITCHBOARD_HASHING_THREADS", Math.max(1, Math.min(2, cores - 1)), 1, 64),
        s.integer("SWITCHBOARD_HASHING_QUEUE", 16, 0, 10_000), rates);
  }

  private static Limit limit(Settings s, String key, String name, String fallback) {
    try {
      return Limit.parse(name, s.text(key, fallback));
    } catch (IllegalArgumentException e) {
      s.problems().add(key + "=" + s.text(key, fallback)
          + " must be N/S: N actions (at least 1) per S seconds (at least 1), such as 20/60");
      return Limit.parse(name, fallback);
    }
  }
}
