package io.switchboard.server.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV files as exports write them: UTF-8 with a byte order mark (so Excel reads Chinese right),
 * RFC 4180 quoting, CRLF line ends, a header row first. Cells that a spreadsheet would run as a
 * formula ({@code = + - @} first) are prefixed with {@code '}.
 *
 * <p>Not thread-safe: one instance writes one file from one thread.
 */
public final class CsvOutput implements AutoCloseable {
  private final CSVPrinter printer;

  private CsvOutput(Writer writer, List<String> header) throws IOException {
    writer.write('\uFEFF');
    printer = new CSVPrinter(writer, CSVFormat.RFC4180);
    printer.printRecord(header);
  }

  /** A new file with the header row written. */
  public static CsvOutput create(Path file, List<String> header) throws IOException {
    return new CsvOutput(Files.newBufferedWriter(file, StandardCharsets.UTF_8), header);
  }

  /** The whole text of a small CSV (with its byte order mark). */
  public static String text(List<String> header, List<List<String>> rows) {
    java.io.StringWriter out = new java.io.StringWriter();
    try (CsvOutput csv = new CsvOutput(out, header)) {
      rows.forEach(csv::row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public void row(List<String> values) {
    try {
      printer.printRecord(values.stream().map(CsvOutput::safe).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String safe(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    char first = value.charAt(0);
    boolean number = value.matches("-?[0-9.]+");
    return !number && (first == '=' || first == '+' || first == '-' || first == '@')
        ? "'" + value : value;
  }

  @Override
  public void close() throws IOException {
    printer.close(true);
  }
}
