package io.switchboard.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.switchboard.server.report.ReportUpdater;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports benchmark's figures: how long bringing the facts up to date took, and p50, p95 and
 * max milliseconds per query, written as {@code <date>-reports.md} and {@code .json} under the
 * results folder.
 *
 * <p>Stateless and thread-safe.
 */
final class ReportBenchmarkReport {
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm").withZone(ZoneOffset.UTC);

  private ReportBenchmarkReport() {}

  static Map<String, Object> figures(ReportBenchmark.Timings timings) {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("query", timings.name());
    figures.put("calls", timings.millis().size());
    figures.put("p50Ms", round(SearchBenchmarkReport.quantile(timings.millis(), 0.5)));
    figures.put("p95Ms", round(SearchBenchmarkReport.quantile(timings.millis(), 0.95)));
    figures.put("maxMs", round(SearchBenchmarkReport.quantile(timings.millis(), 1.0)));
    return figures;
  }

  static String line(ReportBenchmark.Timings timings) {
    Map<String, Object> f = figures(timings);
    return String.format("%-28s calls %3s  p50 %8s ms  p95 %8s ms  max %8s ms", f.get("query"),
        f.get("calls"), f.get("p50Ms"), f.get("p95Ms"), f.get("maxMs"));
  }

  static Path write(Path folder, LocalDate end, double updateSeconds, ReportUpdater.Pass pass,
      String engine, int rounds, List<ReportBenchmark.Timings> timings) throws IOException {
    Files.createDirectories(folder);
    Instant now = Instant.now();
    String base = FILE_TIME.format(now) + "-reports";
    StringBuilder md = new StringBuilder("# Switchboard reports benchmark, " + now + "\n\n")
        .append("- Data up to ").append(end).append(" (month: its last 30 days; year: 365)\n")
        .append(String.format("- Facts brought up to date first: %.1f s (%s, %,d conversations,"
            + " %,d tickets)%n", updateSeconds, pass.backfill() ? "backfill" : "incremental",
            pass.conversations(), pass.tickets()))
        .append("- Answered by ").append(engine).append('\n')
        .append("- Each query: one warm-up call, then ").append(rounds)
        .append(" timed calls, one at a time, through ReportService (and the CSV writer for"
            + " `-csv`); `all` is everything, `team` the first team\n\n")
        .append("| query | calls | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|---:|\n");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ReportBenchmark.Timings timing : timings) {
      Map<String, Object> f = figures(timing);
      rows.add(f);
      md.append(String.format("| %s | %s | %s | %s | %s |%n", f.get("query"), f.get("calls"),
          f.get("p50Ms"), f.get("p95Ms"), f.get("maxMs")));
    }
    Path markdown = folder.resolve(base + ".md");
    Files.writeString(markdown, md.toString());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("startedAt", now.toString());
    json.put("end", end.toString());
    json.put("updateSeconds", round(updateSeconds));
    json.put("backfill", pass.backfill());
    json.put("engine", engine);
    json.put("conversations", pass.conversations());
    json.put("tickets", pass.tickets());
    json.put("rounds", rounds);
    json.put("queries", rows);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(folder.resolve(base + ".json").toFile(), json);
    return markdown;
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
