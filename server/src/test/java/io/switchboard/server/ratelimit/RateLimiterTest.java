package io.switchboard.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.testing.MutableClock;
import io.switchboard.server.testing.TcpProxy;
import io.switchboard.server.testing.TestServices;
import io.switchboard.server.util.Futures;
import io.switchboard.server.util.SwitchboardException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The limiter against a real Redis, with a clock the test moves: bursts, refills, all-or-none
 * checks over several buckets, keys that expire by themselves, and the per-node fallback while
 * Redis cannot be reached.
 */
class RateLimiterTest {
  private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
  private static RedisConnections redis;

  private final MutableClock clock = new MutableClock(START);
  private final String who = UUID.randomUUID().toString();

  @BeforeAll
  static void connect() {
    redis = new RedisConnections(TestServices.redisUrl());
  }

  @AfterAll
  static void disconnect() {
    redis.close();
  }

  @Test
  void aBucketGivesItsBurstThenOneTokenPerIntervalAsTheClockMoves() {
    RateLimiter limiter = new RateLimiter(redis, clock);
    Limit limit = new Limit("test-burst", 3, Duration.ofSeconds(30));
    for (int i = 0; i < 3; i++) {
      limiter.acquire(who, limit).join();
    }
    assertThat(refusal(limiter, new Bucket(limit, who)).retryAfter())
        .isEqualTo(Duration.ofSeconds(10));

    clock.set(START.plusMillis(9_999));
    assertThat(refusal(limiter, new Bucket(limit, who)).retryAfter())
        .isEqualTo(Duration.ofMillis(1));
    clock.set(START.plusSeconds(10));
    limiter.acquire(who, limit).join();
    assertThat(refusal(limiter, new Bucket(limit, who)).retryAfter())
        .isEqualTo(Duration.ofSeconds(10));

    // A long quiet time fills the bucket to its burst, never beyond.
    clock.set(START.plus(Duration.ofHours(1)));
    for (int i = 0; i < 3; i++) {
      limiter.acquire(who, limit).join();
    }
    assertThat(refusal(limiter, new Bucket(limit, who)).code()).isEqualTo(ErrorCode.RATE_LIMITED);
  }

  @Test
  void aCheckOfSeveralBucketsTakesFromAllOrFromNone() {
    RateLimiter limiter = new RateLimiter(redis, clock);
    Limit wide = new Limit("test-wide", 10, Duration.ofSeconds(60));
    Limit narrow = new Limit("test-narrow", 1, Duration.ofSeconds(60));
    String address = "192.0.2." + (1 + Math.abs(who.hashCode() % 250));
    limiter.acquire(new Bucket(wide, who), new Bucket(narrow, address)).join();
    for (int i = 0; i < 5; i++) {
      assertThat(refusal(limiter, new Bucket(wide, who), new Bucket(narrow, address)).retryAfter())
          .isEqualTo(Duration.ofSeconds(60));
    }
    // The refused checks took nothing from the wide bucket: 9 of its 10 are left.
    for (int i = 0; i < 9; i++) {
      limiter.acquire(who, wide).join();
    }
    assertThat(refusal(limiter, new Bucket(wide, who)).retryAfter())
        .isEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void oneVisitorsEmptyBucketLeavesAnothersAlone() {
    RateLimiter limiter = new RateLimiter(redis, clock);
    Limit limit = new Limit("test-parties", 2, Duration.ofSeconds(10));
    limiter.acquire(who, limit).join();
    limiter.acquire(who, limit).join();
    refusal(limiter, new Bucket(limit, who));
    String other = UUID.randomUUID().toString();
    limiter.acquire(other, limit).join();
    limiter.acquire(other, limit).join();
  }

  @Test
  void bucketsExpireByThemselvesOnceTheyWouldBeFullAgain() {
    RateLimiter limiter = new RateLimiter(redis, clock);
    Limit limit = new Limit("test-expiry", 5, Duration.ofSeconds(20));
    limiter.acquire(who, limit).join();
    long ttl = redis.sync().pttl(RedisKeys.rateBucket(limit.name(), who));
    assertThat(ttl).isPositive().isLessThanOrEqualTo(21_000);
  }

  @Test
  void whileRedisIsUnreachableEachNodeStillLimitsOnItsOwn() throws Exception {
    URI target = URI.create(TestServices.redisUrl());
    try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort()).start();
        RedisConnections cut = new RedisConnections("redis://127.0.0.1:" + proxy.port(),
            Duration.ofSeconds(1), null)) {
      RateLimiter limiter = new RateLimiter(cut, clock);
      Limit limit = new Limit("test-outage", 2, Duration.ofSeconds(10));
      limiter.acquire(who, limit).join();
      proxy.stop();

      // One token left in Redis is not reachable; the local bucket starts full.
      limiter.acquire(who, limit).join();
      limiter.acquire(who, limit).join();
      SwitchboardException refused = refusal(limiter, new Bucket(limit, who));
      assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(5));
      // Redis is tried again after the pause, fails again, and the local bucket still holds.
      clock.set(START.plus(RateLimiter.PAUSE_AFTER_FAILURE).plusMillis(1));
      assertThat(refusal(limiter, new Bucket(limit, who)).code()).isEqualTo(ErrorCode.RATE_LIMITED);
      clock.set(START.plusSeconds(5));
      limiter.acquire(who, limit).join();
      // Another visitor is not slowed down by the outage.
      limiter.acquire(UUID.randomUUID().toString(), limit).join();
    }
  }

  private static SwitchboardException refusal(RateLimiter limiter, Bucket... buckets) {
    Throwable[] caught = new Throwable[1];
    assertThatThrownBy(() -> limiter.acquire(buckets).join())
        .isInstanceOf(CompletionException.class)
        .satisfies(error -> caught[0] = error);
    SwitchboardException e = Futures.asSwitchboard(caught[0]);
    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    return e;
  }
}
