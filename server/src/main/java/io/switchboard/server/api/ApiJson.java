package io.switchboard.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.server.store.conversation.Conversation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small builders for the JSON objects the REST API returns. Null values are left out.
 *
 * <p>Stateless and thread-safe.
 */
final class ApiJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiJson() {}

  /** A value as JSON text (for the audit log's before and after); null stays null. */
  static String text(Object value) {
    try {
      return value == null ? null : JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serialisable as JSON", e);
    }
  }

  /** Stored JSON text (such as a {@code jsonb} column) as a value of a response. */
  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json == null ? "{}" : json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON does not parse", e);
    }
  }

  /** An ordered JSON object from name/value pairs, skipping null values. */
  static Map<String, Object> object(Object... namesAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        object.put((String) namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    return object;
  }

  /** The summary of a conversation shared by the detail and history endpoints. */
  static Map<String, Object> conversation(Conversation c, String agentName) {
    return object(
        "conversationId", c.id().toString(),
        "status", c.status().wire(),
        "queue", c.queueId(),
        "agent", c.agentId() == null ? null
            : object("id", c.agentId().toString(), "name", agentName),
        "agentName", agentName,
        "disposition", c.disposition(),
        "createdAt", c.createdAt().toString(),
        "closedAt", c.closedAt() == null ? null : c.closedAt().toString(),
        "lastSeq", c.lastSeq());
  }
}
