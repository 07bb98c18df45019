package io.switchboard.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** RFC 3339 UTC timestamps with milliseconds, e.g. {@code 2026-11-22T09:30:00.125Z}. Thread-safe. */
final class InstantFormat {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final char[] TEMPLATE = "0000-00-00T00:00:00.000Z".toCharArray();
  private static final int[] FIELD_AT = {0, 5, 8, 11, 14, 17, 20};
  private static final int[] FIELD_WIDTH = {4, 2, 2, 2, 2, 2, 3};

  private InstantFormat() {}

  static final class Serializer extends StdSerializer<Instant> {
    Serializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(format(value));
    }
  }

  /**
   * The protocol's text for an instant. Years 0-9999 are written digit by digit: the formatter
   * showed in profiles of busy nodes, which write a timestamp into nearly every event.
   */
  static String format(Instant value) {
    LocalDateTime t = LocalDateTime.ofInstant(value, ZoneOffset.UTC);
    if (t.getYear() < 0 || t.getYear() > 9999) {
      return FORMAT.format(value.truncatedTo(ChronoUnit.MILLIS));
    }
    int[] values = {t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(),
        t.getMinute(), t.getSecond(), t.getNano() / 1_000_000};
    char[] out = TEMPLATE.clone();
    for (int field = 0; field < values.length; field++) {
      int end = FIELD_AT[field] + FIELD_WIDTH[field];
      for (int i = end - 1, rest = values[field]; i >= FIELD_AT[field]; i--, rest /= 10) {
        out[i] = (char) ('0' + rest % 10);
      }
    }
    return new String(out);
  }

  static final class Deserializer extends StdDeserializer<Instant> {
    Deserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (parser.currentToken() != JsonToken.VALUE_STRING) {
        return (Instant) context.handleUnexpectedToken(Instant.class, parser);
      }
      String text = parser.getText();
      try {
        // Milliseconds are the protocol's precision: finer digits are cut, so that a decoded
        // timestamp encodes back to the same value (a round trip the fuzz test checks).
        return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
      } catch (DateTimeParseException e) {
        return (Instant) context.handleWeirdStringValue(
            Instant.class, text, "expected an RFC 3339 timestamp");
      }
    }
  }
}
