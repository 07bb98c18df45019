package io.switchboard.server;

import io.switchboard.server.api.ApiResponse;
import io.switchboard.server.api.Download;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The reports benchmark's check of the in-memory index on the whole data set: each query of a
 * scope answered by the index and by SQL over the facts must give the same figures (compared as
 * text, decimals to 9 places, since a mean's last bits may differ between the two).
 *
 * <p>Not thread-safe: the benchmark's single thread uses it.
 */
final class ReportBenchmarkCheck {
  private static final Pattern DECIMALS = Pattern.compile("(\\d+\\.\\d{9})\\d+");

  private final List<String> checked = new ArrayList<>();
  private final List<String> differ = new ArrayList<>();

  /** Compares each query of {@code index} with the same of {@code sql}. */
  void compare(String suffix, Map<String, Supplier<Object>> index,
      Map<String, Supplier<Object>> sql) {
    for (Map.Entry<String, Supplier<Object>> query : index.entrySet()) {
      String name = query.getKey() + suffix;
      checked.add(name);
      if (!text(query.getValue().get()).equals(text(sql.get(query.getKey()).get()))) {
        differ.add(name);
      }
    }
  }

  /** One line for the report. */
  String summary() {
    return String.format("%d queries checked against SQL over the facts, %s", checked.size(),
        differ.isEmpty() ? "all equal" : differ.size() + " differ: " + differ);
  }

  private static String text(Object answer) {
    Object shown = answer;
    // A CSV export: its file name and its bytes as text.
    if (answer instanceof ApiResponse response && response.body() instanceof Download file) {
      shown = file.fileName() + "\n" + new String(file.bytes(), StandardCharsets.UTF_8);
    }
    return DECIMALS.matcher(String.valueOf(shown)).replaceAll("$1");
  }
}
