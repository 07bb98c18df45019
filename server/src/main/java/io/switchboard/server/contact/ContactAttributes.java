package io.switchboard.server.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.store.contact.ContactField;
import io.switchboard.server.util.SwitchboardException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Custom attribute values checked against a site's contact fields: a text of at most 2,000
 * characters, a number, an ISO date ({@code 2026-12-05}), one of a choice field's values, or a
 * boolean. An unknown key is refused. A null value removes the attribute.
 *
 * <p>Stateless and thread-safe.
 */
public final class ContactAttributes {
  static final int TEXT_LIMIT = 2000;

  private ContactAttributes() {}

  /**
   * {@code stored} with the {@code changes} applied, after checking every changed key against
   * {@code fields}; {@code INVALID_FIELD} naming the attribute for anything else.
   */
  public static ObjectNode apply(ObjectNode stored, JsonNode changes, List<ContactField> fields) {
    if (changes == null || !changes.isObject()) {
      throw invalid("attributes", "must be an object");
    }
    Map<String, ContactField> byKey = new java.util.HashMap<>();
    fields.forEach(field -> byKey.put(field.key(), field));
    ObjectNode result = stored.deepCopy();
    Iterator<Map.Entry<String, JsonNode>> entries = changes.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      ContactField field = byKey.get(entry.getKey());
      if (field == null) {
        throw invalid("attributes." + entry.getKey(), "no such contact field");
      }
      JsonNode value = entry.getValue();
      if (value == null || value.isNull()) {
        result.remove(entry.getKey());
      } else {
        result.set(entry.getKey(), checked(field, value));
      }
    }
    return result;
  }

  /** Only the attributes of fields that still exist (removed fields' values stay hidden). */
  public static ObjectNode visible(ObjectNode stored, List<ContactField> fields) {
    ObjectNode shown = stored.objectNode();
    for (ContactField field : fields) {
      if (stored.has(field.key())) {
        shown.set(field.key(), stored.get(field.key()));
      }
    }
    return shown;
  }

  private static JsonNode checked(ContactField field, JsonNode value) {
    String name = "attributes." + field.key();
    switch (field.kind()) {
      case "text" -> {
        if (!value.isTextual() || value.asText().length() > TEXT_LIMIT) {
          throw invalid(name, "a text of at most " + TEXT_LIMIT + " characters");
        }
      }
      case "number" -> {
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
          throw invalid(name, "a number");
        }
      }
      case "date" -> {
        try {
          LocalDate.parse(value.isTextual() ? value.asText() : "");
        } catch (DateTimeParseException e) {
          throw invalid(name, "an ISO date such as 2026-12-05");
        }
      }
      case "choice" -> {
        if (!value.isTextual() || !field.choices().contains(value.asText())) {
          throw invalid(name, "one of " + String.join(", ", field.choices()));
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          throw invalid(name, "true or false");
        }
      }
      default -> throw new IllegalStateException("unknown field kind " + field.kind());
    }
    return value;
  }

  static SwitchboardException invalid(String field, String expected) {
    return new SwitchboardException(ErrorCode.INVALID_FIELD, field + ": " + expected);
  }
}
