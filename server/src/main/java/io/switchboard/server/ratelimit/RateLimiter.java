package io.switchboard.server.ratelimit;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.server.metrics.NodeMetrics;
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
 * Rate limits shared by every node: each check takes a token from one or more buckets in Redis,
 * one atomic script per check, all or none. When a bucket is empty the check fails with {@code
 * rate_limited} and how long to wait.
 *
 * <p>While Redis is unreachable or slow the limits still hold, but per node: the check falls back
 * to {@link LocalBuckets} (logged at most once a minute), so a flood is stopped without the chat
 * stopping with Redis. A check waits at most {@link #CHECK_TIMEOUT} for Redis, and after a failure
 * only the local buckets are used for {@link #PAUSE_AFTER_FAILURE}, so an outage does not slow
 * every command down.
 *
 * <p>Thread-safe.
 */
public final class RateLimiter {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
  private static final RedisScript SCRIPT = RedisScript.fromClasspath("rate_limit");
  /** The counter of refusals, by limit name. */
  public static final String REFUSALS = "switchboard.rate.limit.refusals";
  static final Duration CHECK_TIMEOUT = Duration.ofMillis(250);
  static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(2);

  private final RedisClusterAsyncCommands<String, String> redis;
  private final Clock clock;
  private final LocalBuckets local = new LocalBuckets();
  private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE / 2);
  private final AtomicLong pausedUntil = new AtomicLong(Long.MIN_VALUE);

  private final MeterRegistry metrics;

  public RateLimiter(RedisConnections connections, Clock clock) {
    this(connections, clock, NodeMetrics.unrecorded());
  }

  /** A limiter that counts its refusals in {@code metrics}, by limit. */
  public RateLimiter(RedisConnections connections, Clock clock, MeterRegistry metrics) {
    this.redis = connections.async();
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Takes a token of each limit for {@code who} (a visitor, a user, an address): all or none. */
  public CompletableFuture<Void> acquire(String who, Limit... limits) {
    Bucket[] buckets = new Bucket[limits.length];
    for (int i = 0; i < limits.length; i++) {
      buckets[i] = new Bucket(limits[i], who);
    }
    return acquire(buckets);
  }

  /**
   * Takes a token from each bucket, in one step: all or none. Fails with {@code rate_limited}
   * when one of them has none, saying when to retry.
   */
  public CompletableFuture<Void> acquire(Bucket... buckets) {
    List<Bucket> wanted = List.of(buckets);
    long now = clock.millis();
    if (now < pausedUntil.get()) {
      return fromLocal(wanted, now);
    }
    String[] keys = new String[buckets.length];
    String[] args = new String[1 + 2 * buckets.length];
    args[0] = Long.toString(now);
    for (int i = 0; i < buckets.length; i++) {
      Limit limit = buckets[i].limit();
      keys[i] = RedisKeys.rateBucket(limit.name(), buckets[i].who());
      args[1 + 2 * i] = Integer.toString(limit.count());
      args[2 + 2 * i] = Long.toString(limit.refillMillis());
    }
    return RedisCalls.<List<Long>>call("rate limit", () -> SCRIPT.<List<Long>>eval(redis,
            ScriptOutputType.MULTI, keys, args))
        .orTimeout(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .handle((reply, error) -> {
          if (error != null) {
            redisFailed(error, now);
            return fromLocal(wanted, now);
          }
          return reply.get(0) == 1L ? CompletableFuture.<Void>completedFuture(null)
              : CompletableFuture.<Void>failedFuture(refused(wanted, reply.get(1)));
        })
        .thenCompose(result -> result);
  }

  private CompletableFuture<Void> fromLocal(List<Bucket> wanted, long now) {
    long wait = local.take(wanted, now);
    return wait == 0 ? CompletableFuture.completedFuture(null)
        : CompletableFuture.failedFuture(refused(wanted, wait));
  }

  private void redisFailed(Throwable error, long now) {
    pausedUntil.set(now + PAUSE_AFTER_FAILURE.toMillis());
    long warned = lastWarning.get();
    if (now - warned > 60_000 && lastWarning.compareAndSet(warned, now)) {
      LOG.warn("rate limits checked on this node alone, Redis failed: {}", error.toString());
    }
  }

  private SwitchboardException refused(List<Bucket> wanted, long waitMillis) {
    for (Bucket bucket : wanted) {
      // Limit names are the configured limits (a handful): a bounded label.
      metrics.counter(REFUSALS, "limit", bucket.limit().name())
          .increment();
    }
    String names = wanted.size() == 1 ? wanted.get(0).limit().name()
        : wanted.stream().map(bucket -> bucket.limit().name()).toList().toString();
    return SwitchboardException.rateLimited("too many requests (" + names
        + "); wait before trying again", Duration.ofMillis(waitMillis));
  }
}
