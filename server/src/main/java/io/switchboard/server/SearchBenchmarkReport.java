package io.switchboard.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search benchmark's figures: p50, p95 and max milliseconds per query class, and how full the
 * pages were, written as {@code <date>-search.md} and {@code .json} under the results folder.
 *
 * <p>Immutable and thread-safe.
 */
record SearchBenchmarkReport(String arguments, String baseUrl, Instant end, int rounds,
    List<SearchBenchmark.Timings> timings) {
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm").withZone(ZoneOffset.UTC);

  /** The value at quantile q (0..1) of the sorted values, nearest rank. */
  static double quantile(List<Double> values, double q) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  static Map<String, Object> figures(SearchBenchmark.Timings timings) {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("queryClass", timings.queryClass());
    figures.put("calls", timings.millis().size());
    figures.put("p50Ms", round(quantile(timings.millis(), 0.5)));
    figures.put("p95Ms", round(quantile(timings.millis(), 0.95)));
    figures.put("maxMs", round(quantile(timings.millis(), 1.0)));
    figures.put("meanResults", round(timings.results().stream().mapToInt(Integer::intValue)
        .average().orElse(0)));
    return figures;
  }

  static String line(SearchBenchmark.Timings timings) {
    Map<String, Object> f = figures(timings);
    return String.format("%-16s calls %3s  p50 %8s ms  p95 %8s ms  max %8s ms  results/page %s",
        f.get("queryClass"), f.get("calls"), f.get("p50Ms"), f.get("p95Ms"), f.get("maxMs"),
        f.get("meanResults"));
  }

  Path write(Path folder) throws IOException {
    Files.createDirectories(folder);
    Instant now = Instant.now();
    String base = FILE_TIME.format(now) + "-search";
    StringBuilder md = new StringBuilder("# Switchboard search benchmark, " + now + "\n\n")
        .append("- Command: `scripts/bench-search.sh ").append(arguments).append("`\n")
        .append("- Node: ").append(baseUrl).append(", generated year up to ").append(end)
        .append('\n')
        .append("- Each query: one warm-up call, then ").append(rounds)
        .append(" timed calls, one at a time; `GET /v1/search?q=...&from=...&to=...&limit=20`\n\n")
        .append("| query class | calls | p50 ms | p95 ms | max ms | results per page |\n")
        .append("|---|---:|---:|---:|---:|---:|\n");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SearchBenchmark.Timings timing : timings) {
      Map<String, Object> f = figures(timing);
      rows.add(f);
      md.append(String.format("| %s | %s | %s | %s | %s | %s |%n", f.get("queryClass"),
          f.get("calls"), f.get("p50Ms"), f.get("p95Ms"), f.get("maxMs"), f.get("meanResults")));
    }
    Path markdown = folder.resolve(base + ".md");
    Files.writeString(markdown, md.toString());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("startedAt", now.toString());
    json.put("baseUrl", baseUrl);
    json.put("end", end.toString());
    json.put("rounds", rounds);
    json.put("classes", rows);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(folder.resolve(base + ".json").toFile(), json);
    return markdown;
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
