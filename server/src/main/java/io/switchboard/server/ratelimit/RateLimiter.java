package io.switchboard.server.ratelimit;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.switchboard.server.redis.RedisCalls;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.redis.RedisScript;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rate limits shared by every node: each check takes a token from a bucket in Redis, one atomic
 * script per check. When the bucket is empty the check fails with {@code rate_limited} and how
 * long to wait. While Redis is unreachable or slow, checks pass (logged at most once a minute): a
 * limit must not take the chat down with it. A check waits at most {@link #CHECK_TIMEOUT} for
 * Redis, and after a failure the limits are skipped for {@link #PAUSE_AFTER_FAILURE}, so a Redis
 * outage does not slow every command down.
 *
 * <p>Thread-safe.
 */
public final class RateLimiter {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
  private static final RedisScript SCRIPT = RedisScript.fromClasspath("rate_limit");

  private final RedisAsyncCommands<String, String> redis;
  private final Clock clock;
  private final AtomicLong lastWarning = new AtomicLong();
  private final AtomicLong pausedUntil = new AtomicLong();
  static final Duration CHECK_TIMEOUT = Duration.ofMillis(250);
  static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(2);

  public RateLimiter(RedisConnections connections, Clock clock) {
    this.redis = connections.connection().async();
    this.clock = clock;
  }

  /**
   * Takes a token of each limit for {@code who} (a visitor, a user, an address), in one step:
   * all or none. Fails with {@code rate_limited} when one of them has none, saying when to retry.
   */
  public CompletableFuture<Void> acquire(String who, Limit... limits) {
    long now = clock.millis();
    if (now < pausedUntil.get()) {
      return CompletableFuture.completedFuture(null);
    }
    String[] keys = new String[limits.length];
    String[] args = new String[1 + 2 * limits.length];
    args[0] = Long.toString(now);
    for (int i = 0; i < limits.length; i++) {
      keys[i] = RedisKeys.rateBucket(limits[i].name(), who);
      args[1 + 2 * i] = Integer.toString(limits[i].count());
      args[2 + 2 * i] = Long.toString(limits[i].refillMillis());
    }
    String names = limits.length == 1 ? limits[0].name()
        : java.util.Arrays.stream(limits).map(Limit::name).toList().toString();
    return RedisCalls.<List<Long>>call("rate limit", () -> SCRIPT.<List<Long>>eval(redis,
            ScriptOutputType.MULTI, keys, args))
        .orTimeout(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .handle((reply, error) -> {
          if (error != null) {
            pausedUntil.set(now + PAUSE_AFTER_FAILURE.toMillis());
            if (now - lastWarning.get() > 60_000) {
              lastWarning.set(now);
              LOG.warn("rate limits not checked, Redis failed: {}", error.toString());
            }
            return null;
          }
          if (reply.get(0) == 1L) {
            return null;
          }
          throw SwitchboardException.rateLimited("too many requests (" + names
              + "); wait before trying again", Duration.ofMillis(reply.get(1)));
        });
  }
}
