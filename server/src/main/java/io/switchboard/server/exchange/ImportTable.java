package io.switchboard.server.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.util.SwitchboardException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * An uploaded file as columns and rows of text: a CSV file (RFC 4180, UTF-8 with or without a
 * byte order mark, the first record naming the columns) or a JSON array of objects (the keys
 * are the columns; a list value becomes its items joined by {@code ;}). Empty cells are absent.
 *
 * <p>Immutable and thread-safe.
 */
public record ImportTable(List<String> columns, List<Map<String, String>> rows) {
  /** The most rows one file may hold. */
  public static final int MAX_ROWS = 500_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads {@code content} as {@code csv} or {@code json}; INVALID_FIELD saying what is wrong. */
  public static ImportTable read(byte[] content, String format) {
    return switch (format == null ? "csv" : format) {
      case "csv" -> csv(text(content));
      case "json" -> json(jsonArray(content, "objects"));
      default -> throw invalid("format: csv or json");
    };
  }

  private static ImportTable csv(String text) {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
        .setIgnoreEmptyLines(true).setAllowMissingColumnNames(false).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
      List<String> columns = parser.getHeaderNames().stream().map(String::trim).toList();
      List<Map<String, String>> rows = new ArrayList<>();
      for (CSVRecord record : parser) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.size() && i < record.size(); i++) {
          put(row, columns.get(i), record.get(i));
        }
        add(rows, row);
      }
      return new ImportTable(columns, rows);
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      throw invalid("file: not a valid CSV file (" + e.getMessage() + ")");
    }
  }

  /** The file's text without a byte order mark; INVALID_FIELD when it is not UTF-8. */
  static String text(byte[] content) {
    String text = utf8(content);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** The file as a JSON array (of {@code items}); INVALID_FIELD otherwise. */
  static JsonNode jsonArray(byte[] content, String items) {
    JsonNode root;
    try {
      root = JSON.readTree(text(content));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw invalid("file: not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isArray()) {
      throw invalid("file: a JSON array of " + items + " is expected");
    }
    return root;
  }

  private static ImportTable json(JsonNode root) {
    LinkedHashSet<String> columns = new LinkedHashSet<>();
    List<Map<String, String>> rows = new ArrayList<>();
    for (JsonNode item : root) {
      if (!item.isObject()) {
        throw invalid("file: every item of the array must be an object");
      }
      Map<String, String> row = new LinkedHashMap<>();
      item.properties().forEach(e -> {
        columns.add(e.getKey());
        put(row, e.getKey(), cell(e.getValue()));
      });
      add(rows, row);
    }
    return new ImportTable(List.copyOf(columns), rows);
  }

  private static String cell(JsonNode value) {
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(v -> items.add(v.isValueNode() ? v.asText() : v.toString()));
      return String.join(";", items);
    }
    return value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
  }

  private static void put(Map<String, String> row, String column, String value) {
    if (value != null && !value.isBlank()) {
      row.put(column, value.trim());
    }
  }

  private static void add(List<Map<String, String>> rows, Map<String, String> row) {
    if (rows.size() >= MAX_ROWS) {
      throw invalid("file: at most " + MAX_ROWS + " rows per file");
    }
    rows.add(row);
  }

  private static String utf8(byte[] content) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      throw invalid("file: not UTF-8 text; save it as UTF-8 (CSV UTF-8 in Excel)");
    }
  }

  static SwitchboardException invalid(String message) {
    return new SwitchboardException(ErrorCode.INVALID_FIELD, message);
  }
}
