package io.switchboard.server.auth.lockout;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.config.SecuritySettings.LoginPolicy;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.testing.MutableClock;
import io.switchboard.server.testing.TestServices;
import io.switchboard.server.util.SwitchboardException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The login guard against a real Redis, with the clock moved instead of waited for: five
 * attempts per account pass, the sixth locks it for a minute, each further lock lasts twice as
 * long up to the cap; a good login gives its attempts back; an address guessing at many accounts
 * is locked at its own limit; fifty attempts at once let exactly five through; an admin's unlock
 * forgets the account's attempts and is told to the listener.
 */
class LoginGuardTest {
  private static final LoginPolicy POLICY = new LoginPolicy(5, 12, Duration.ofMinutes(15),
      Duration.ofMinutes(1), Duration.ofMinutes(4));
  private static RedisConnections connections;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
  private final Recorder recorder = new Recorder();
  private LoginGuard guard;

  @BeforeAll
  static void open() {
    connections = new RedisConnections(TestServices.redisUrl());
  }

  @AfterAll
  static void close() {
    connections.close();
  }

  @BeforeEach
  void newGuard() {
    guard = new LoginGuard(connections, POLICY, clock, recorder);
  }

  @Test
  void theSixthAttemptLocksAndEachFurtherLockLastsTwiceAsLongUpToTheCap() {
    String email = newEmail();
    List<Duration> locks = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      for (int i = 0; i < 5; i++) {
        assertThat(refusal(email, newAddress())).as("attempt %d of round %d", i + 1, round)
            .isNull();
      }
      Duration lock = refusal(email, newAddress());
      locks.add(lock);
      // Still locked a second before the end, with the right password too, from anywhere.
      advance(lock.minusSeconds(1));
      assertThat(refusal(email, newAddress())).isEqualTo(Duration.ofSeconds(1));
      advance(Duration.ofSeconds(1));
    }
    assertThat(locks).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2),
        Duration.ofMinutes(4), Duration.ofMinutes(4));
    assertThat(recorder.locks).hasSize(4).allMatch(lock -> lock.startsWith("ACCOUNT " + email));
  }

  @Test
  void aGoodLoginGivesTheAccountsAttemptsBack() {
    String email = newEmail();
    String address = newAddress();
    for (int i = 0; i < 4; i++) {
      assertThat(refusal(email, address)).isNull();
    }
    guard.succeeded(email, address).join();
    for (int i = 0; i < 5; i++) {
      assertThat(refusal(email, address)).isNull();
    }
    assertThat(refusal(email, address)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void theWindowEndsAndItsFailuresWithIt() {
    String email = newEmail();
    for (int i = 0; i < 5; i++) {
      assertThat(refusal(email, newAddress())).isNull();
    }
    advance(Duration.ofMinutes(15));
    assertThat(refusal(email, newAddress())).isNull();
    assertThat(recorder.locks).isEmpty();
  }

  @Test
  void anAddressGuessingAtManyAccountsIsLockedAtItsOwnLimit() {
    String address = newAddress();
    for (int i = 0; i < 12; i++) {
      assertThat(refusal(newEmail(), address)).isNull();
    }
    assertThat(refusal(newEmail(), address)).isEqualTo(Duration.ofMinutes(1));
    assertThat(recorder.locks).containsExactly("ADDRESS " + address);
    assertThat(refusal(newEmail(), newAddress())).as("other addresses go on").isNull();
  }

  @Test
  void fiftyAttemptsAtOnceLetExactlyTheLimitThrough() {
    String email = newEmail();
    List<CompletableFuture<Void>> attempts = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      attempts.add(guard.attempt(email, newAddress()));
    }
    long through = attempts.stream().filter(attempt -> refused(attempt) == null).count();
    assertThat(through).isEqualTo(POLICY.accountAttempts());
    assertThat(recorder.locks).hasSize(1);
  }

  @Test
  void theEmailIsNormalisedAndAnUnlockForgetsTheAccountsAttempts() {
    String email = newEmail();
    for (int i = 0; i < 5; i++) {
      assertThat(refusal(i % 2 == 0 ? email : "  " + email.toUpperCase() + " ", newAddress()))
          .isNull();
    }
    assertThat(refusal(email, newAddress())).isNotNull();

    UUID user = UUID.randomUUID();
    guard.unlock(user, email, "admin-1").join();
    assertThat(recorder.unlocks).containsExactly(user + " " + email + " admin-1");
    for (int i = 0; i < 5; i++) {
      assertThat(refusal(email, newAddress())).isNull();
    }
  }

  /** How long the attempt is told to wait, or null when it may go on to the password check. */
  private Duration refusal(String email, String address) {
    return refused(guard.attempt(email, address));
  }

  private static Duration refused(CompletableFuture<Void> attempt) {
    try {
      attempt.join();
      return null;
    } catch (CompletionException e) {
      SwitchboardException refusal = (SwitchboardException) e.getCause();
      assertThat(refusal.code()).isEqualTo(ErrorCode.RATE_LIMITED);
      return refusal.retryAfter();
    }
  }

  private void advance(Duration by) {
    clock.set(clock.instant().plus(by));
  }

  private static String newEmail() {
    return "guard-" + UUID.randomUUID() + "@example.test";
  }

  private static String newAddress() {
    return "10.9." + UUID.randomUUID();
  }

  /** Remembers what the guard told it. Thread-safe. */
  private static final class Recorder implements LoginGuardListener {
    final List<String> locks = new CopyOnWriteArrayList<>();
    final List<String> unlocks = new CopyOnWriteArrayList<>();

    @Override
    public void locked(Target target, String email, String address, Instant until) {
      locks.add(target + " " + (target == Target.ACCOUNT ? email : address));
    }

    @Override
    public void unlocked(UUID userId, String email, String byUserId) {
      unlocks.add(userId + " " + email + " " + byUserId);
    }
  }
}
