package io.switchboard.server.auth.lockout;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.switchboard.server.auth.lockout.LoginGuardListener.Target;
import io.switchboard.server.config.SecuritySettings.LoginPolicy;
import io.switchboard.server.redis.RedisCalls;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.redis.RedisScript;
import io.switchboard.server.util.SwitchboardException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locks out password guessing, shared by every node through Redis: each login attempt counts
 * against its account (the email, whether or not such a user exists, so answers reveal nothing)
 * and its client address before the password is checked, and a login that proves good gives its
 * attempt back. Over the limit within the window, the account or address is locked, for longer
 * with each lock. While Redis is unreachable logins go on unguarded (logged), rather than nobody
 * being able to log in.
 *
 * <p>Thread-safe.
 */
public final class LoginGuard {
  private static final Logger LOG = LoggerFactory.getLogger(LoginGuard.class);
  private static final RedisScript ATTEMPT = RedisScript.fromClasspath("login_attempt");
  private static final RedisScript SUCCESS = RedisScript.fromClasspath("login_success");
  /** How long a key remembers its locks, for the back-off. */
  private static final Duration KEEP = Duration.ofDays(1);

  private final RedisClusterAsyncCommands<String, String> redis;
  private final LoginPolicy policy;
  private final Clock clock;
  private final LoginGuardListener listener;

  /**
   * @param clock the time windows and locks are counted in (stored with each key, so a test that
   *     moves the clock moves them)
   * @param listener told of locks and unlocks; {@link LoginGuardListener#NONE} for nobody
   */
  public LoginGuard(RedisConnections connections, LoginPolicy policy, Clock clock,
      LoginGuardListener listener) {
    this.redis = connections.async();
    this.policy = policy;
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * Counts an attempt; fails with {@code rate_limited} (and when to try again) when the account
   * or the address is locked.
   */
  public CompletableFuture<Void> attempt(String email, String address) {
    long now = clock.millis();
    String[] keys = keys(email, address);
    return RedisCalls.<List<Long>>call("count a login attempt", () -> ATTEMPT.<List<Long>>eval(
            redis, ScriptOutputType.MULTI, keys, Long.toString(now),
            Long.toString(policy.window().toMillis()), Integer.toString(policy.accountAttempts()),
            Integer.toString(policy.addressAttempts()), Long.toString(policy.firstLock().toMillis()),
            Long.toString(policy.maxLock().toMillis()), Long.toString(KEEP.toMillis())))
        .orTimeout(1, TimeUnit.SECONDS)
        .handle((reply, error) -> {
          if (error != null) {
            LOG.warn("login attempt not counted, Redis failed: {}", error.toString());
            return null;
          }
          if (reply.get(0) == 1L) {
            return null;
          }
          if (reply.size() > 2 && reply.get(2) > 0) {
            listener.locked(reply.get(2) == 1L ? Target.ACCOUNT : Target.ADDRESS, email, address,
                Instant.ofEpochMilli(reply.get(1)));
          }
          throw SwitchboardException.rateLimited(
              "too many sign-in attempts; try again later",
              Duration.ofMillis(Math.max(1000, reply.get(1) - now)));
        });
  }

  /** A login with this email proved good: its account starts afresh. */
  public CompletableFuture<Void> succeeded(String email, String address) {
    return RedisCalls.<Long>call("clear login attempts", () -> SUCCESS.<Long>eval(redis,
            ScriptOutputType.INTEGER, keys(email, address)))
        .handle((ignored, error) -> {
          if (error != null) {
            LOG.warn("login attempts not cleared: {}", error.toString());
          }
          return null;
        });
  }

  /**
   * An admin unlocks a user's account: its attempts and locks are forgotten (its addresses' are
   * not: an address locked for guessing at many accounts stays locked).
   */
  public CompletableFuture<Void> unlock(UUID userId, String email, String byUserId) {
    return RedisCalls.<Long>call("unlock login", () -> redis.del(
        RedisKeys.loginAccount(accountId(email)))).thenApply(ignored -> {
          listener.unlocked(userId, email, byUserId);
          return null;
        });
  }

  private static String[] keys(String email, String address) {
    return new String[] {RedisKeys.loginAccount(accountId(email)),
        RedisKeys.loginAddress(address == null ? "unknown" : address)};
  }

  private static String accountId(String email) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
