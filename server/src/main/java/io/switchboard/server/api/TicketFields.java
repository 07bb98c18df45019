package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.util.SwitchboardException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads the fields of the ticket and SLA endpoints: named values such as a status, booleans, ids,
 * times, tags and comma lists in the query. Every refusal is {@code INVALID_FIELD} and starts with
 * the field's name.
 *
 * <p>Stateless and thread-safe.
 */
final class TicketFields {
  private TicketFields() {}

  /** Whether the body has the key at all (a {@code null} value counts: it clears). */
  static boolean has(ApiRequest request, String field) {
    return request.body() != null && request.body().has(field);
  }

  /** A named value such as {@code on_hold}, or null when absent. */
  static <T> T named(ApiRequest request, String field, Function<String, T> parse, String allowed) {
    String text = request.text(field);
    return text == null ? null : parse(field, text, parse, allowed);
  }

  static <T> T parse(String field, String text, Function<String, T> parse, String allowed) {
    try {
      return parse.apply(text.strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(field, "one of " + allowed);
    }
  }

  /** A comma list of the query, as a set of named values (empty when absent). */
  static <T> Set<T> queryList(ApiRequest request, String name, Function<String, T> parse,
      String allowed) {
    String text = request.query(name);
    Set<T> values = new LinkedHashSet<>();
    if (text != null && !text.isBlank()) {
      for (String part : text.split(",")) {
        values.add(parse(name, part, parse, allowed));
      }
    }
    return values;
  }

  static boolean bool(ApiRequest request, String field) {
    JsonNode node = request.body() == null ? null : request.body().get(field);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw invalid(field, "true or false");
    }
    return node.asBoolean();
  }

  /** A user, contact or ticket id, or null when absent. */
  static UUID id(String field, String text) {
    if (text == null) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw invalid(field, "an id");
    }
  }

  static Instant instant(String field, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw invalid(field, "a time like 2026-12-01T09:30:00Z");
    }
  }

  /** Tags: at most 20, each 1-32 characters, stored in lower case; null when absent. */
  static List<String> tags(ApiRequest request, String field) {
    JsonNode node = request.body() == null ? null : request.body().get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray() || node.size() > 20) {
      throw invalid(field, "an array of at most 20 tags");
    }
    Set<String> tags = new LinkedHashSet<>();
    for (JsonNode tag : node) {
      String text = tag.isTextual() ? tag.asText().strip().toLowerCase(Locale.ROOT) : "";
      if (text.isEmpty() || text.length() > 32) {
        throw invalid(field, "each tag 1 to 32 characters");
      }
      tags.add(text);
    }
    return new ArrayList<>(tags);
  }

  /** A text of at most {@code max} characters, or null when absent; blank is refused. */
  static String optionalText(ApiRequest request, String field, int max) {
    String text = request.text(field);
    if (text == null) {
      return null;
    }
    if (text.isBlank()) {
      throw invalid(field, "not blank");
    }
    if (text.length() > max) {
      throw invalid(field, "at most " + max + " characters");
    }
    return text.strip();
  }

  static <E extends Enum<E>> String names(E[] values, Function<E, String> wire) {
    return String.join(", ", Arrays.stream(values).map(wire).toList());
  }

  static SwitchboardException invalid(String field, String what) {
    return new SwitchboardException(ErrorCode.INVALID_FIELD, field + ": " + what);
  }
}
