package io.switchboard.server.config;

import io.switchboard.server.ratelimit.Limit;
import java.util.Set;

/**
 * The rate limits, each N actions per S seconds ({@code SWITCHBOARD_RATE_*}): new visitor tokens,
 * WebSocket handshakes and conversation starts per client address; conversation starts, messages
 * and all commands per visitor; all commands per staff user; how many refusals in a row close a
 * socket with 4003; and the proxies whose {@code X-Forwarded-For} names the client address.
 *
 * <p>Immutable and thread-safe.
 */
public record RateLimits(Limit visitorTokens, Limit handshakes, Limit addressStarts,
    Limit visitorStarts, Limit visitorMessages, Limit visitorCommands, Limit staffCommands,
    int abuseStrikes, TrustedProxies trustedProxies) {
  static final Set<String> KEYS = Set.of("SWITCHBOARD_RATE_VISITOR_TOKENS",
      "SWITCHBOARD_RATE_HANDSHAKES", "SWITCHBOARD_RATE_ADDRESS_STARTS",
      "SWITCHBOARD_RATE_VISITOR_STARTS", "SWITCHBOARD_RATE_VISITOR_MESSAGES",
      "SWITCHBOARD_RATE_VISITOR_COMMANDS", "SWITCHBOARD_RATE_STAFF_COMMANDS",
      "SWITCHBOARD_RATE_ABUSE_STRIKES", "SWITCHBOARD_TRUSTED_PROXIES");

  static RateLimits load(Settings s) {
    TrustedProxies proxies = TrustedProxies.NONE;
    String list = s.text("SWITCHBOARD_TRUSTED_PROXIES", "");
    try {
      proxies = TrustedProxies.parse(list);
    } catch (IllegalArgumentException e) {
      s.problems().add("SWITCHBOARD_TRUSTED_PROXIES: " + e.getMessage());
    }
    return new RateLimits(
        limit(s, "SWITCHBOARD_RATE_VISITOR_TOKENS", "visitor-tokens", "20/60"),
        limit(s, "SWITCHBOARD_RATE_HANDSHAKES", "handshakes", "120/60"),
        limit(s, "SWITCHBOARD_RATE_ADDRESS_STARTS", "address-starts", "20/60"),
        limit(s, "SWITCHBOARD_RATE_VISITOR_STARTS", "visitor-starts", "5/60"),
        limit(s, "SWITCHBOARD_RATE_VISITOR_MESSAGES", "visitor-messages", "20/10"),
        limit(s, "SWITCHBOARD_RATE_VISITOR_COMMANDS", "visitor-commands", "100/10"),
        limit(s, "SWITCHBOARD_RATE_STAFF_COMMANDS", "staff-commands", "300/10"),
        s.integer("SWITCHBOARD_RATE_ABUSE_STRIKES", 20, 1, 10_000), proxies);
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
