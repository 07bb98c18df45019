package io.switchboard.server.compliance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openpdf.text.pdf.BaseFont;

/**
 * The font the compliance PDF embeds for Chinese text: Droid Sans Fallback (Apache License 2.0,
 * which allows embedding), from Debian's {@code fonts-droid-fallback} that {@code scripts/lib.sh}
 * installs; WenQuanYi Zen Hei ({@code fonts-wqy-zenhei}, GPL with a font embedding exception) is
 * taken when only it is there. Latin text uses the PDF standard Helvetica. Loaded once.
 *
 * <p>Thread-safe: the font is loaded once under the class's lock and only read after.
 */
public final class ReportFont {
  /** Where the supported fonts are installed, in order of preference. */
  static final List<String> CANDIDATES = List.of(
      "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
      "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");

  private static BaseFont chinese;

  private ReportFont() {}

  /** The embedded Chinese font, loaded on first use. */
  public static synchronized BaseFont chinese() {
    if (chinese == null) {
      Path file = CANDIDATES.stream().map(Path::of).filter(Files::isReadable).findFirst()
          .orElseThrow(() -> new IllegalStateException("No font with Chinese glyphs is "
              + "installed for the compliance PDF: install Debian's fonts-droid-fallback "
              + "(scripts/lib.sh require_cjk_font does it)"));
      String name = file.toString().endsWith(".ttc") ? file + ",0" : file.toString();
      try {
        chinese = BaseFont.createFont(name, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
      } catch (IOException e) {
        throw new UncheckedIOException("the font " + file + " cannot be read", e);
      }
    }
    return chinese;
  }

  /** The Latin font (not embedded: one of the PDF standard fonts every reader has). */
  public static BaseFont latin() {
    try {
      return BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
