package io.switchboard.server.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.switchboard.server.store.exchange.FieldDefinition;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Typed custom attribute values, as {@code contact_fields} defines them: text (at most 2,000
 * characters), number (a decimal such as {@code -12.5}), date (ISO {@code 2026-03-01}), choice
 * (one of the field's values, matched ignoring case, stored as defined) and boolean
 * ({@code true/false}, {@code yes/no}, {@code 1/0}).
 *
 * <p>Thread-safe: stateless.
 */
public final class AttributeValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AttributeValues() {}

  /** The stored JSON value, or a {@link Refusal} naming the reason. */
  public static JsonNode parse(FieldDefinition field, String text) throws Refusal {
    return switch (field.kind()) {
      case "number" -> number(field, text);
      case "date" -> date(field, text);
      case "choice" -> NODES.textNode(field.choices().stream()
          .filter(c -> c.equalsIgnoreCase(text)).findFirst()
          .orElseThrow(() -> new Refusal("bad_choice", field.key() + ": " + text
              + " is not one of " + String.join(", ", field.choices()))));
      case "boolean" -> bool(field, text);
      default -> {
        if (text.length() > 2000) {
          throw new Refusal("too_long", field.key() + ": at most 2000 characters");
        }
        yield NODES.textNode(text);
      }
    };
  }

  private static JsonNode number(FieldDefinition field, String text) throws Refusal {
    try {
      if (!text.matches("-?[0-9]{1,15}([.][0-9]{1,10})?")) {
        throw new NumberFormatException();
      }
      return NODES.numberNode(new BigDecimal(text));
    } catch (NumberFormatException e) {
      throw new Refusal("bad_number", field.key() + ": " + text + " is not a number");
    }
  }

  private static JsonNode date(FieldDefinition field, String text) throws Refusal {
    try {
      return NODES.textNode(LocalDate.parse(text).toString());
    } catch (DateTimeParseException e) {
      throw new Refusal("bad_date", field.key() + ": " + text + " is not a date (YYYY-MM-DD)");
    }
  }

  private static JsonNode bool(FieldDefinition field, String text) throws Refusal {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> NODES.booleanNode(true);
      case "false", "no", "0" -> NODES.booleanNode(false);
      default -> throw new Refusal("bad_boolean", field.key() + ": " + text
          + " is not true or false");
    };
  }

  /**
   * Why a row is refused: a stable code (invalid_email, unknown_stage, bad_number...) and a
   * message naming the value.
   */
  public static final class Refusal extends Exception {
    private final String code;

    public Refusal(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }
}
