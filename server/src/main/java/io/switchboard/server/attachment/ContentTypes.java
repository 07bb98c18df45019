package io.switchboard.server.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.apache.tika.Tika;

/**
 * Finds a file's type from its content (Apache Tika's magic bytes), never from its name, and
 * says which types may be shown inline: raster images only. Anything that can carry script
 * (HTML, SVG, XML, JavaScript, PDF included as a download) is always served as a download.
 *
 * <p>Thread-safe: Tika's facade is.
 */
public final class ContentTypes {
  /** Types that must never be sent with a type a browser would run or render as a page. */
  private static final Set<String> SCRIPTABLE = Set.of("text/html", "application/xhtml+xml",
      "image/svg+xml", "application/xml", "text/xml", "text/javascript",
      "application/javascript", "application/x-javascript", "application/ecmascript",
      "text/ecmascript", "application/wasm");

  private final Tika tika = new Tika();

  /** The type of the file's content. */
  public String detect(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return tika.detect(in).toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The {@code Content-Type} a download is served with: the detected type, except that anything
   * scriptable goes out as {@code application/octet-stream}, so that no browser renders it.
   */
  public static String servedType(String detected) {
    String type = detected.toLowerCase(Locale.ROOT);
    if (SCRIPTABLE.contains(type) || type.endsWith("+xml") || type.contains("script")
        || type.startsWith("text/") && !type.equals("text/plain") && !type.equals("text/csv")) {
      return "application/octet-stream";
    }
    return type;
  }
}
