package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.LanguageTag;
import io.switchboard.server.util.SwitchboardException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Reads the {@code skills} and {@code languages} arrays of admin requests and names the field
 * that is wrong. Skills are words of 1-32 lower-case letters, digits, {@code -} and {@code _}
 * (given in any case); languages are language tags such as {@code en} or {@code zh-CN}. At most
 * {@link #MAX_ITEMS} of each.
 *
 * <p>Stateless and thread-safe.
 */
final class SkillFields {
  /** The most skills, or languages, one queue or agent has. */
  static final int MAX_ITEMS = 32;
  private static final Pattern SKILL = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,31}$");

  private SkillFields() {}

  /** The body's skills, lower case; null when the field is absent. */
  static List<String> skills(JsonNode body) {
    return list(body, "skills", value -> {
      String skill = value.strip().toLowerCase(Locale.ROOT);
      if (!SKILL.matcher(skill).matches()) {
        throw new SwitchboardException(ErrorCode.INVALID_FIELD, "skills: \"" + abbreviate(value)
            + "\" is not a skill (1-32 letters, digits, '-' and '_', starting with a letter or digit)");
      }
      return skill;
    });
  }

  /** The body's languages as language tags in their usual case; null when the field is absent. */
  static List<String> languages(JsonNode body) {
    return list(body, "languages", value -> {
      try {
        return LanguageTag.canonical("languages", value.strip());
      } catch (IllegalArgumentException e) {
        throw new SwitchboardException(ErrorCode.INVALID_FIELD, e.getMessage());
      }
    });
  }

  private static List<String> list(JsonNode body, String field, UnaryOperator<String> check) {
    JsonNode node = body == null ? null : body.get(field);
    if (node == null) {
      return null;
    }
    if (!node.isArray()) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, field + ": must be an array of strings");
    }
    if (node.size() > MAX_ITEMS) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, field + ": at most " + MAX_ITEMS);
    }
    List<String> values = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw new SwitchboardException(ErrorCode.INVALID_FIELD, field + ": must be an array of strings");
      }
      values.add(check.apply(item.asText()));
    }
    return values;
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
