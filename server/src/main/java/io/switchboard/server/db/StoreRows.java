package io.switchboard.server.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Column conversions shared by the DAOs: timestamps, UUIDs, arrays and the JSON of {@code jsonb}
 * columns.
 *
 * <p>Stateless and thread-safe.
 */
public final class StoreRows {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Made once: resolving the map type on every read showed in profiles of busy nodes. */
  private static final ObjectReader STRING_MAP =
      JSON.readerFor(new TypeReference<Map<String, String>>() {});

  private StoreRows() {}

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  public static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  public static UUID uuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  public static List<String> textArray(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    if (array == null) {
      return List.of();
    }
    try {
      return Arrays.asList((String[]) array.getArray());
    } finally {
      array.free();
    }
  }

  /** A JSON object of string values, as stored in a {@code jsonb} column. */
  public static String toJson(Map<String, ?> values) {
    try {
      return JSON.writeValueAsString(values == null ? Map.of() : values);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serializable as JSON", e);
    }
  }

  /** A JSON array of strings. */
  public static String toJsonArray(java.util.List<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serializable as JSON", e);
    }
  }

  public static Map<String, String> stringMap(String json) {
    if (json == null || json.isEmpty()) {
      return Map.of();
    }
    try {
      return json.equals("{}") ? Map.of() : STRING_MAP.readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not an object of strings", e);
    }
  }
}
