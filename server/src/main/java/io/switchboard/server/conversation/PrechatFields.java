package io.switchboard.server.conversation;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.util.SwitchboardException;
import java.util.regex.Pattern;

/**
 * Checks the contact fields a visitor gives (pre-chat form, {@code profile}, offline form) and
 * names the field that is wrong.
 *
 * <p>Stateless and thread-safe.
 */
public final class PrechatFields {
  private static final Pattern EMAIL =
      Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
  private static final Pattern PHONE = Pattern.compile("^[0-9 +()\\-]{5,32}$");

  private PrechatFields() {}

  /** Returns the trimmed name, or throws INVALID_FIELD naming {@code field}. Null passes. */
  public static String name(String field, String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.strip();
    if (trimmed.isEmpty() || trimmed.length() > 100) {
      throw invalid(field, "a name of 1 to 100 characters");
    }
    return trimmed;
  }

  public static String email(String field, String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.strip();
    if (trimmed.length() > 254 || !EMAIL.matcher(trimmed).matches()) {
      throw invalid(field, "a valid email address, such as name@example.com");
    }
    return trimmed;
  }

  public static String phone(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.strip();
    if (!PHONE.matcher(trimmed).matches()) {
      throw invalid(field, "a phone number of 5 to 32 digits, spaces and + - ( )");
    }
    return trimmed;
  }

  private static SwitchboardException invalid(String field, String expected) {
    return new SwitchboardException(ErrorCode.INVALID_FIELD, field + ": must be " + expected);
  }
}
