package io.switchboard.protocol;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * BCP 47-style language tags as Switchboard accepts them: a primary language subtag of two or
 * three letters, then up to three subtags of one to eight letters or digits, joined by {@code -}
 * ({@code en}, {@code zh-CN}, {@code zh-Hant-TW}). Tags are written in their usual case: the
 * primary subtag in lower case, a two-letter region in upper case, a four-letter script with a
 * capital, anything else in lower case. Routing compares only the primary subtag, so
 * {@code zh-CN} matches {@code zh}.
 *
 * <p>Stateless and thread-safe.
 */
public final class LanguageTag {
  /** The longest tag accepted. */
  public static final int MAX_LENGTH = 35;
  private static final Pattern TAG =
      Pattern.compile("^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$");

  private LanguageTag() {}

  /**
   * The tag in its usual case.
   *
   * @param field the field name for the error message
   * @throws IllegalArgumentException naming {@code field} when the value is not such a tag
   */
  public static String canonical(String field, String value) {
    if (value == null || value.length() > MAX_LENGTH || !TAG.matcher(value).matches()) {
      throw new IllegalArgumentException(field + ": a language tag such as \"en\" or \"zh-CN\", not \""
          + (value == null ? "" : value.length() > MAX_LENGTH ? value.substring(0, MAX_LENGTH) + "…" : value)
          + "\"");
    }
    String[] parts = value.split("-");
    StringBuilder tag = new StringBuilder(parts[0].toLowerCase(Locale.ROOT));
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      tag.append('-');
      if (part.length() == 2 && Character.isLetter(part.charAt(0))) {
        tag.append(part.toUpperCase(Locale.ROOT));
      } else if (part.length() == 4 && Character.isLetter(part.charAt(0))) {
        tag.append(Character.toUpperCase(part.charAt(0)))
            .append(part.substring(1).toLowerCase(Locale.ROOT));
      } else {
        tag.append(part.toLowerCase(Locale.ROOT));
      }
    }
    return tag.toString();
  }

  /** The primary language subtag in lower case: {@code zh} for {@code zh-CN}. */
  public static String primary(String tag) {
    int dash = tag.indexOf('-');
    return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
  }
}
