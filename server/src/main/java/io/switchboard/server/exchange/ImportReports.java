package io.switchboard.server.exchange;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an import leaves behind: counts by outcome, the per-row report (the first
 * {@link #REPORT_ROWS} rows, refused rows first so none is hidden by the cap when few are
 * refused) and the refused rows as a CSV file with a {@code reason} column.
 *
 * <p>Thread-safe: stateless.
 */
final class ImportReports {
  static final int REPORT_ROWS = 2000;
  static final List<String> OUTCOMES = List.of("created", "updated", "unchanged", "refused");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ImportReports() {}

  static Map<String, Integer> counts(List<RowOutcome> outcomes) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    OUTCOMES.forEach(o -> counts.put(o, 0));
    outcomes.forEach(o -> counts.merge(o.outcome(), 1, Integer::sum));
    return counts;
  }

  static String json(Map<String, ?> values) {
    return JSON.valueToTree(values).toString();
  }

  static String report(List<RowOutcome> outcomes) {
    List<RowOutcome> shown = new ArrayList<>(outcomes.stream()
        .filter(o -> o.outcome().equals("refused")).limit(REPORT_ROWS).toList());
    outcomes.stream().filter(o -> !o.outcome().equals("refused"))
        .limit(REPORT_ROWS - shown.size()).forEach(shown::add);
    shown.sort(java.util.Comparator.comparingInt(RowOutcome::row));
    ArrayNode array = JSON.createArrayNode();
    shown.forEach(o -> array.addObject().put("row", o.row()).put("outcome", o.outcome())
        .put("key", o.key()).put("reason", o.reason()));
    return array.toString();
  }

  /** The refused rows of a contact file with their columns and a reason; null if none. */
  static String refusedContacts(Path folder, UUID job, ImportTable table,
      List<RowOutcome> outcomes) throws IOException {
    List<String> header = new ArrayList<>(table.columns());
    header.add("reason");
    return refused(folder, job, header, outcomes, o -> {
      List<String> values = new ArrayList<>();
      Map<String, String> row = table.rows().get(o.row() - 1);
      table.columns().forEach(c -> values.add(row.getOrDefault(c, "")));
      values.add(o.reason());
      return values;
    });
  }

  /** The refused transcripts (their row in the file's order and id) with a reason. */
  static String refusedTranscripts(Path folder, UUID job, List<RowOutcome> outcomes)
      throws IOException {
    return refused(folder, job, List.of("conversation", "conversation_id", "reason"), outcomes,
        o -> List.of(Integer.toString(o.row()), o.key() == null ? "" : o.key(), o.reason()));
  }

  private static String refused(Path folder, UUID job, List<String> header,
      List<RowOutcome> outcomes, java.util.function.Function<RowOutcome, List<String>> line)
      throws IOException {
    if (outcomes.stream().noneMatch(o -> o.outcome().equals("refused"))) {
      return null;
    }
    String name = job + "-refused.csv";
    try (CsvOutput csv = CsvOutput.create(folder.resolve(name), header)) {
      outcomes.stream().filter(o -> o.outcome().equals("refused")).map(line).forEach(csv::row);
    }
    return name;
  }
}
