package io.switchboard.server.attachment;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.util.SwitchboardException;
import java.text.Normalizer;

/**
 * Makes an uploaded file's name safe to keep and to send back in a {@code Content-Disposition}
 * header: the last path segment only, no control characters, quotes, backslashes or slashes, no
 * leading dots, at most 200 characters (the extension kept).
 *
 * <p>Stateless and thread-safe.
 */
public final class FileNames {
  /** The longest name kept, in characters. */
  public static final int MAX_LENGTH = 200;

  private FileNames() {}

  /** The safe name; {@code INVALID_FIELD} when nothing usable is left (400). */
  public static String sanitize(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "name: the file's name is required (?name=report.pdf)");
    }
    String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(slash + 1);
    StringBuilder safe = new StringBuilder();
    name.codePoints().forEach(c -> {
      if (Character.isISOControl(c) || c == '"' || c == '\\' || c == '/' || c == ';'
          || Character.getType(c) == Character.FORMAT) {
        safe.append('_');
      } else {
        safe.appendCodePoint(c);
      }
    });
    String result = safe.toString().strip().replaceFirst("^\\.+", "");
    if (result.isEmpty() || result.chars().allMatch(c -> c == '_')) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "name: " + raw.strip() + " is not a usable file name");
    }
    if (result.codePointCount(0, result.length()) > MAX_LENGTH) {
      int dot = result.lastIndexOf('.');
      String extension = dot > 0 && result.length() - dot <= 16 ? result.substring(dot) : "";
      result = result.substring(0, result.offsetByCodePoints(0, MAX_LENGTH - extension.length()))
          + extension;
    }
    return result;
  }
}
