package io.switchboard.sdk;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for the small bodies of the HTTP API, so that the SDK needs nothing beyond the
 * protocol module and the JDK: writes flat objects of strings, and reads any JSON text into
 * {@link Map}s, {@link List}s, {@link String}s, {@link BigDecimal}s, {@link Boolean}s and null.
 *
 * <p>Thread-safe: stateless.
 */
final class Json {
  private static final int MAX_DEPTH = 32;

  private Json() {}

  /** Writes an object of string fields in iteration order, leaving out null values. */
  static String writeObject(Map<String, String> fields) {
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, String> field : fields.entrySet()) {
      if (field.getValue() == null) {
        continue;
      }
      if (out.length() > 1) {
        out.append(',');
      }
      writeString(out, field.getKey());
      out.append(':');
      writeString(out, field.getValue());
    }
    return out.append('}').toString();
  }

  /** Reads a JSON text whose top level must be an object. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> readObject(String text) {
    Object value = new Reader(text).document();
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    return (Map<String, Object>) value;
  }

  private static void writeString(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** A recursive-descent reader over one JSON text. */
  private static final class Reader {
    private final String text;
    private int position;

    Reader(String text) {
      this.text = text;
    }

    Object document() {
      Object value = value(0);
      skipWhitespace();
      if (position != text.length()) {
        throw error("unexpected text after the value");
      }
      return value;
    }

    private Object value(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("nested too deeply");
      }
      skipWhitespace();
      if (position >= text.length()) {
        throw error("unexpected end");
      }
      char c = text.charAt(position);
      return switch (c) {
        case '{' -> object(depth);
        case '[' -> array(depth);
        case '"' -> string();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> number();
      };
    }

    private Map<String, Object> object(int depth) {
      Map<String, Object> object = new LinkedHashMap<>();
      position++;
      skipWhitespace();
      if (peek('}')) {
        position++;
        return object;
      }
      while (true) {
        skipWhitespace();
        if (!peek('"')) {
          throw error("expected a field name");
        }
        String name = string();
        skipWhitespace();
        expect(':');
        object.put(name, value(depth + 1));
        skipWhitespace();
        if (peek(',')) {
          position++;
        } else {
          expect('}');
          return object;
        }
      }
    }

    private List<Object> array(int depth) {
      List<Object> array = new ArrayList<>();
      position++;
      skipWhitespace();
      if (peek(']')) {
        position++;
        return array;
      }
      while (true) {
        array.add(value(depth + 1));
        skipWhitespace();
        if (peek(',')) {
          position++;
        } else {
          expect(']');
          return array;
        }
      }
    }

    private String string() {
      position++;
      StringBuilder out = new StringBuilder();
      while (position < text.length()) {
        char c = text.charAt(position++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (position >= text.length()) {
          break;
        }
        char escaped = text.charAt(position++);
        switch (escaped) {
          case '"', '\\', '/' -> out.append(escaped);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (position + 4 > text.length()) {
              throw error("short \\u escape");
            }
            try {
              out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
            } catch (NumberFormatException e) {
              throw error("bad \\u escape");
            }
            position += 4;
          }
          default -> throw error("bad escape \\" + escaped);
        }
      }
      throw error("unterminated string");
    }

    private Object literal(String word, Object value) {
      if (!text.startsWith(word, position)) {
        throw error("unexpected character");
      }
      position += word.length();
      return value;
    }

    private BigDecimal number() {
      int start = position;
      while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
        position++;
      }
      try {
        return new BigDecimal(text.substring(start, position));
      } catch (NumberFormatException e) {
        throw error("unexpected character");
      }
    }

    private boolean peek(char expected) {
      return position < text.length() && text.charAt(position) == expected;
    }

    private void expect(char expected) {
      if (!peek(expected)) {
        throw error("expected '" + expected + "'");
      }
      position++;
    }

    private void skipWhitespace() {
      while (position < text.length() && " \t\r\n".indexOf(text.charAt(position)) >= 0) {
        position++;
      }
    }

    private IllegalArgumentException error(String problem) {
      return new IllegalArgumentException("malformed JSON at offset " + position + ": " + problem);
    }
  }
}
