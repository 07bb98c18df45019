package io.switchboard.protocol;

/** Field checks shared by the message records. Stateless and thread-safe. */
final class Fields {
  private Fields() {}

  static void requireId(String id) {
    requireText("id", id, 64);
  }

  static void requireText(String name, String value, int maxLength) {
    if (value == null) {
      throw new IllegalArgumentException(name + ": required");
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + ": must not be empty");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(name + ": at most " + maxLength + " characters");
    }
  }

  static void optionalText(String name, String value, int maxLength) {
    if (value != null) {
      requireText(name, value, maxLength);
    }
  }

  static void requireOneOf(String name, String value, String... allowed) {
    if (value == null) {
      throw new IllegalArgumentException(name + ": required");
    }
    for (String candidate : allowed) {
      if (candidate.equals(value)) {
        return;
      }
    }
    throw new IllegalArgumentException(
        name + ": must be one of " + String.join(", ", allowed) + ", not \"" + value + "\"");
  }

  static void require(String name, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(name + ": required");
    }
  }
}
