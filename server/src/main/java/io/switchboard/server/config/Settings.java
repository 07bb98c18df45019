package io.switchboard.server.config;

import static io.switchboard.server.config.ConfigLoader.blankToNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed reads of the settings that record a problem instead of throwing.
 *
 * <p>Not thread-safe: used while loading, on one thread.
 */
record Settings(Map<String, String> values, List<String> problems) {
  String text(String key, String fallback) {
    String value = blankToNull(values.get(key));
    return value == null ? fallback : value;
  }

  int integer(String key, int fallback, int min, int max) {
    String value = blankToNull(values.get(key));
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        problems.add(key + "=" + value + " must be between " + min + " and " + max);
      }
      return parsed;
    } catch (NumberFormatException e) {
      problems.add(key + "=" + value + " is not a whole number");
      return fallback;
    }
  }

  /** A port for an embedded server: 0 (the default) picks a free one, else 1-65535. */
  int port(String key) {
    String value = blankToNull(values.get(key));
    if (value == null) {
      return 0;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < 0 || parsed > 65535) {
        problems.add(key + "=" + value
            + " must be a port between 1 and 65535, or 0 for any free port");
        return 0;
      }
      return parsed;
    } catch (NumberFormatException e) {
      problems.add(key + "=" + value
          + " is not a port (a whole number between 1 and 65535, or 0 for any free port)");
      return 0;
    }
  }

  boolean bool(String key, boolean fallback) {
    String value = blankToNull(values.get(key));
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> {
        problems.add(key + "=" + value + " must be true or false");
        yield fallback;
      }
    };
  }
}
