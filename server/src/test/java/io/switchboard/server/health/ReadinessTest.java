package io.switchboard.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The readiness rules on their own: checks are reused for a second (moved by a test clock, not
 * waited for), a check that never answers counts as a failure after its timeout, a failing
 * check makes the node unready, and draining is unready at once without a new check.
 */
class ReadinessTest {
  /** Checks that count their calls and answer what the test sets. */
  private static final class CountingChecks implements Readiness.Checks {
    final AtomicInteger calls = new AtomicInteger();
    volatile CompletableFuture<Boolean> redisAnswer = CompletableFuture.completedFuture(true);

    @Override
    public CompletableFuture<Boolean> database() {
      calls.incrementAndGet();
      return CompletableFuture.completedFuture(true);
    }

    @Override
    public CompletableFuture<Boolean> redis() {
      return redisAnswer;
    }

    @Override
    public boolean migrated() {
      return true;
    }
  }

  private final CountingChecks checks = new CountingChecks();
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final Readiness readiness = new Readiness(checks, nanos::get);

  @Test
  void aCheckIsReusedForASecond() {
    assertThat(readiness.report().join().ready()).isTrue();
    for (int i = 0; i < 50; i++) {
      readiness.report().join();
    }
    assertThat(checks.calls).hasValue(1);
    nanos.addAndGet(Readiness.CACHE_FOR.toNanos());
    readiness.report().join();
    assertThat(checks.calls).hasValue(2);
  }

  @Test
  void aStoreThatDoesNotAnswerIsUnreachableAfterTheTimeout() {
    checks.redisAnswer = new CompletableFuture<>();
    Readiness.Report report = readiness.report().join();
    assertThat(report.redis()).isFalse();
    assertThat(report.database()).isTrue();
    assertThat(report.ready()).isFalse();
  }

  @Test
  void aFailedCheckIsUnready() {
    checks.redisAnswer = CompletableFuture.failedFuture(new IllegalStateException("down"));
    assertThat(readiness.report().join().ready()).isFalse();
    assertThat(readiness.readyNow()).isFalse();
  }

  @Test
  void drainingIsUnreadyAtOnceWithoutANewCheck() {
    assertThat(readiness.report().join().ready()).isTrue();
    assertThat(readiness.readyNow()).isTrue();
    readiness.startDraining();
    Readiness.Report report = readiness.report().join();
    assertThat(report.draining()).isTrue();
    assertThat(report.ready()).isFalse();
    assertThat(readiness.readyNow()).isFalse();
    assertThat(checks.calls).hasValue(1);
  }
}
