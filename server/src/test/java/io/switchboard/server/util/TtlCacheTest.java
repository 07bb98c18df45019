package io.switchboard.server.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TtlCacheTest {
  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final AtomicInteger loads = new AtomicInteger();

  private String load(String key) {
    return key + "#" + loads.incrementAndGet();
  }

  @Test
  void aValueIsReusedUntilItsTimeIsUpAndThenReadAgain() {
    TtlCache<String, String> cache = new TtlCache<>(Duration.ofSeconds(1), 10, clock);
    assertThat(cache.get("a", this::load)).isEqualTo("a#1");
    clock.advance(Duration.ofMillis(999));
    assertThat(cache.get("a", this::load)).isEqualTo("a#1");
    clock.advance(Duration.ofMillis(1));
    assertThat(cache.get("a", this::load)).isEqualTo("a#2");
    assertThat(cache.get("b", this::load)).isEqualTo("b#3");
  }

  @Test
  void clearForgetsEverything() {
    TtlCache<String, String> cache = new TtlCache<>(Duration.ofMinutes(1), 10, clock);
    cache.get("a", this::load);
    cache.clear();
    assertThat(cache.get("a", this::load)).isEqualTo("a#2");
  }

  @Test
  void itNeverHoldsMoreThanItsLimit() {
    TtlCache<Integer, String> cache = new TtlCache<>(Duration.ofMinutes(1), 3, clock);
    for (int i = 0; i < 3; i++) {
      cache.get(i, key -> "v" + key);
    }
    assertThat(cache.get(0, key -> "new")).isEqualTo("v0");
    cache.get(3, key -> "v3");
    assertThat(cache.get(0, key -> "new")).isEqualTo("new");
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> new TtlCache<>(Duration.ofSeconds(-1), 3, clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TtlCache<>(Duration.ofSeconds(1), 0, clock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void peekSeesOnlyFreshValuesAndNeverLoads() {
    TtlCache<String, String> cache = new TtlCache<>(Duration.ofSeconds(1), 10, clock);
    assertThat(cache.peek("a")).isEmpty();
    assertThat(cache.get("a", this::load)).isEqualTo("a#1");
    assertThat(cache.peek("a")).contains("a#1");
    clock.advance(Duration.ofMillis(1_000));
    assertThat(cache.peek("a")).as("expired").isEmpty();
    cache.get("a", this::load);
    cache.clear();
    assertThat(cache.peek("a")).isEmpty();
    assertThat(loads.get()).isEqualTo(2);
  }
}
