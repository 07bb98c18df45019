package io.switchboard.server.compliance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openpdf.text.pdf.PdfDictionary;
import org.openpdf.text.pdf.PdfName;
import org.openpdf.text.pdf.PdfObject;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.PdfStream;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

/**
 * What the compliance tests read out of a PDF: its text (OpenPDF's extractor), the fonts it embeds
 * (a font descriptor with a font file), and a PNG of its first page drawn by {@code pdftoppm}
 * (Debian's poppler-utils) under {@code target/compliance/} for people to look at, when that tool
 * is installed.
 *
 * <p>Stateless; for tests.
 */
public final class PdfFiles {
  private PdfFiles() {}

  /** The text of every page, in order. */
  public static String text(byte[] pdf) throws IOException {
    try (PdfReader reader = new PdfReader(pdf)) {
      PdfTextExtractor extractor = new PdfTextExtractor(reader);
      StringBuilder text = new StringBuilder();
      for (int page = 1; page <= reader.getNumberOfPages(); page++) {
        text.append(extractor.getTextFromPage(page)).append('\n');
      }
      return text.toString();
    }
  }

  /** The base names of the fonts whose program is embedded in the file. */
  public static List<String> embeddedFonts(byte[] pdf) throws IOException {
    List<String> names = new ArrayList<>();
    try (PdfReader reader = new PdfReader(pdf)) {
      for (int i = 0; i < reader.getXrefSize(); i++) {
        PdfObject object = reader.getPdfObject(i);
        if (object instanceof PdfDictionary dict && !(object instanceof PdfStream)
            && PdfName.FONTDESCRIPTOR.equals(dict.get(PdfName.TYPE))
            && (dict.get(PdfName.FONTFILE2) != null || dict.get(PdfName.FONTFILE3) != null
                || dict.get(PdfName.FONTFILE) != null)) {
          names.add(String.valueOf(dict.get(PdfName.FONTNAME)));
        }
      }
    }
    return names;
  }

  /** Draws the first page to {@code target/compliance/<name>.png}; false without pdftoppm. */
  public static boolean firstPagePng(byte[] pdf, String name) throws IOException, InterruptedException {
    Path dir = Path.of("target", "compliance");
    Files.createDirectories(dir);
    Path file = dir.resolve(name + ".pdf");
    Files.write(file, pdf);
    Process process;
    try {
      process = new ProcessBuilder("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1",
          "-singlefile", file.toString(), dir.resolve(name).toString())
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      return false;
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new UncheckedIOException(new IOException("pdftoppm took too long"));
    }
    return process.exitValue() == 0 && Files.exists(dir.resolve(name + ".png"));
  }
}
