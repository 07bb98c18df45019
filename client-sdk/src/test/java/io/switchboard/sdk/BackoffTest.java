package io.switchboard.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff =
      new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), new Random(7));

  @Test
  void ceilingDoublesFromTwiceTheMinimumUpToTheMaximum() {
    assertThat(backoff.ceilingMillis(0)).isEqualTo(200);
    assertThat(backoff.ceilingMillis(1)).isEqualTo(400);
    assertThat(backoff.ceilingMillis(4)).isEqualTo(3200);
    assertThat(backoff.ceilingMillis(5)).isEqualTo(5000);
    assertThat(backoff.ceilingMillis(1_000)).isEqualTo(5000);
  }

  @Test
  void everyDelayStaysWithinMinimumAndCeiling() {
    for (int attempt = 0; attempt < 70; attempt++) {
      for (int draw = 0; draw < 200; draw++) {
        long millis = backoff.delay(attempt).toMillis();
        assertThat(millis).isBetween(100L, backoff.ceilingMillis(attempt));
      }
    }
  }

  @Test
  void delaysAreSpreadOutRatherThanFixed() {
    Set<Long> distinct = new HashSet<>();
    long sum = 0;
    int draws = 2_000;
    for (int draw = 0; draw < draws; draw++) {
      long millis = backoff.delay(10).toMillis();
      distinct.add(millis);
      sum += millis;
    }
    assertThat(distinct.size()).isGreaterThan(500);
    assertThat(sum / draws).as("mean of a uniform draw in [100, 5000]").isBetween(2_300L, 2_800L);
  }

  @Test
  void equalBoundsGiveAFixedDelay() {
    Backoff fixed = new Backoff(Duration.ofMillis(50), Duration.ofMillis(50), new Random(1));
    assertThat(fixed.delay(0)).isEqualTo(Duration.ofMillis(50));
    assertThat(fixed.delay(30)).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void rejectsBoundsThatMakeNoSense() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> backoff.delay(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
