package io.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantFormatTest {
  private static final DateTimeFormatter REFERENCE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static String reference(Instant instant) {
    return REFERENCE.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  @Test
  void writesTheSameTextAsTheFormatterForEveryKindOfInstant() {
    Instant[] edges = {Instant.EPOCH, Instant.parse("2026-11-22T09:30:00.125Z"),
        Instant.parse("2026-11-22T09:30:00.125999Z"), Instant.parse("0000-01-01T00:00:00Z"),
        Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("2024-02-29T23:59:59.001Z"),
        Instant.parse("1969-12-31T23:59:59.999Z"), Instant.parse("-0001-06-01T12:00:00Z"),
        Instant.parse("+10000-01-01T00:00:00Z")};
    for (Instant edge : edges) {
      assertThat(InstantFormat.format(edge)).as("%s", edge).isEqualTo(reference(edge));
    }
    SplittableRandom random = new SplittableRandom(7);
    long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 100_000; i++) {
      Instant instant = Instant.ofEpochSecond(random.nextLong(from, to),
          random.nextInt(1_000_000_000));
      assertThat(InstantFormat.format(instant)).isEqualTo(reference(instant));
    }
  }
}
