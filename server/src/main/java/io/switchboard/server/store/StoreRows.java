package io.switchboard.server.store;

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
 * columns, plus the row mappers of the records that several DAOs read.
 *
 * <p>Stateless and thread-safe.
 */
final class StoreRows {
  /** The columns {@link #conversation} reads, for {@code SELECT} and {@code RETURNING}. */
  static final String CONVERSATION_COLUMNS = """
      id, site_id, contact_id, queue_id, status, agent_id, fields::text AS fields, priority,
      last_seq, created_at, enqueued_at, assigned_at, accepted_at, first_agent_response_at,
      closed_at, closed_by, disposition, language""";

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Made once: resolving the map type on every read showed in profiles of busy nodes. */
  private static final ObjectReader STRING_MAP =
      JSON.readerFor(new TypeReference<Map<String, String>>() {});

  private StoreRows() {}

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static UUID uuid(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  static List<String> textArray(ResultSet rs, String column) throws SQLException {
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
  static String toJson(Map<String, ?> values) {
    try {
      return JSON.writeValueAsString(values == null ? Map.of() : values);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serializable as JSON", e);
    }
  }

  static Map<String, String> stringMap(String json) {
    if (json == null || json.isEmpty()) {
      return Map.of();
    }
    try {
      return json.equals("{}") ? Map.of() : STRING_MAP.readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not an object of strings", e);
    }
  }

  static Conversation conversation(ResultSet rs) throws SQLException {
    return new Conversation(
        uuid(rs, "id"),
        rs.getString("site_id"),
        uuid(rs, "contact_id"),
        rs.getString("queue_id"),
        ConversationStatus.fromWire(rs.getString("status")),
        uuid(rs, "agent_id"),
        stringMap(rs.getString("fields")),
        rs.getInt("priority"),
        rs.getLong("last_seq"),
        instant(rs, "created_at"),
        instant(rs, "enqueued_at"),
        instant(rs, "assigned_at"),
        instant(rs, "accepted_at"),
        instant(rs, "first_agent_response_at"),
        instant(rs, "closed_at"),
        rs.getString("closed_by"),
        rs.getString("disposition"),
        rs.getString("language"));
  }

  static StoredMessage message(ResultSet rs) throws SQLException {
    return new StoredMessage(
        uuid(rs, "conversation_id"),
        rs.getLong("seq"),
        rs.getString("client_msg_id"),
        rs.getString("sender_role"),
        rs.getString("sender_id"),
        rs.getString("body"),
        instant(rs, "created_at"));
  }
}
