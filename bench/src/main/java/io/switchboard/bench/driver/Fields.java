package io.switchboard.bench.driver;

/**
 * Reads single members out of a compact JSON text without parsing all of it: the driver sees tens
 * of thousands of frames a second and needs only a few fields of each. Only for frames whose
 * shape is known (the server's and the peer's); a key is looked up at its first occurrence.
 *
 * <p>Stateless and thread-safe.
 */
public final class Fields {
  private Fields() {}

  /** The string value of {@code "key"}, or null when absent or not a string. */
  public static String text(String json, String key) {
    int at = valueStart(json, key);
    if (at < 0 || json.charAt(at) != '"') {
      return null;
    }
    int end = at + 1;
    while (end < json.length()) {
      char c = json.charAt(end);
      if (c == '\\') {
        end += 2;
        continue;
      }
      if (c == '"') {
        break;
      }
      end++;
    }
    return json.substring(at + 1, Math.min(end, json.length()));
  }

  /** The integer value of {@code "key"}, or {@code absent} when missing or not a number. */
  public static long number(String json, String key, long absent) {
    int at = valueStart(json, key);
    if (at < 0) {
      return absent;
    }
    long value = 0;
    boolean negative = false;
    boolean any = false;
    if (at < json.length() && json.charAt(at) == '-') {
      negative = true;
      at++;
    }
    while (at < json.length()) {
      char c = json.charAt(at);
      if (c < '0' || c > '9') {
        break;
      }
      value = value * 10 + (c - '0');
      any = true;
      at++;
    }
    return any ? (negative ? -value : value) : absent;
  }

  /** The value of {@code "type"} (every frame of both wire formats has one). */
  public static String type(String json) {
    String type = text(json, "type");
    return type != null ? type : text(json, "t");
  }

  private static int valueStart(String json, String key) {
    String quoted = "\"" + key + "\"";
    int at = json.indexOf(quoted);
    if (at < 0) {
      return -1;
    }
    at += quoted.length();
    while (at < json.length() && (json.charAt(at) == ' ' || json.charAt(at) == ':')) {
      at++;
    }
    return at < json.length() ? at : -1;
  }
}
