package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.util.SwitchboardException;
import java.util.List;
import java.util.Map;

/**
 * One REST call as the API handlers see it: path parameters, query, JSON body and bearer token,
 * the client's address and the {@code Origin} header (null when the browser sent none).
 *
 * <p>Immutable and thread-safe (the body is only read).
 */
public record ApiRequest(List<String> pathParams, Map<String, List<String>> query, JsonNode body,
    String bearer, String address, String origin) {

  public ApiRequest(List<String> pathParams, Map<String, List<String>> query, JsonNode body,
      String bearer, String address) {
    this(pathParams, query, body, bearer, address, null);
  }

  public String param(int index) {
    return pathParams.get(index);
  }

  public String query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public int queryInt(String name, int fallback, int min, int max) {
    String value = query(name);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          name + ": must be a whole number from " + min + " to " + max);
    }
  }

  /** A string field of the body, or null when absent; INVALID_FIELD when it is not a string. */
  public String text(String field) {
    JsonNode node = body == null ? null : body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, field + ": must be a string");
    }
    return node.asText();
  }

  /**
   * A whole-number field of the body within {@code min..max}, or {@code fallback} when absent or
   * null; {@code INVALID_FIELD} naming the field for anything else (a string, a fraction).
   */
  public int optionalInt(String field, int min, int max, int fallback) {
    JsonNode node = body == null ? null : body.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min
        || node.asInt() > max) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          field + ": a whole number from " + min + " to " + max);
    }
    return node.asInt();
  }

  /** A list of strings in the body, or an empty list when absent or null. */
  public List<String> textList(String field) {
    JsonNode node = body == null ? null : body.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, field + ": must be a list");
    }
    List<String> values = new java.util.ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw new SwitchboardException(ErrorCode.INVALID_FIELD, field + ": must list strings");
      }
      values.add(item.asText());
    }
    return values;
  }

  public String requiredText(String field, int maxLength) {
    String value = text(field);
    if (value == null || value.isBlank()) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, field + ": required");
    }
    if (value.length() > maxLength) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          field + ": at most " + maxLength + " characters");
    }
    return value;
  }
}
