package io.switchboard.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one data generation did: per step its seconds, per table its rows and the rows per second
 * of the step that filled it, printed and written as {@code <date>-datagen.md} and {@code .json}
 * under the results folder, next to the other benchmarks' figures.
 *
 * <p>Immutable and thread-safe.
 */
record GenerationReport(String command, GenerationSize size, Instant started, Instant finished,
    List<DataGeneration.StepTime> steps, Map<String, Long> counts, String databaseSize) {
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm").withZone(ZoneOffset.UTC);

  /** One line of the table: a table's rows, or a step that fills no table of its name. */
  record Line(String name, Long rows, Double seconds) {
    Double rowsPerSecond() {
      return rows == null || seconds == null || seconds <= 0 ? null : rows / seconds;
    }
  }

  List<Line> lines() {
    Map<String, Double> seconds = new LinkedHashMap<>();
    steps.forEach(step -> seconds.put(step.name(), step.seconds()));
    List<Line> lines = new ArrayList<>();
    counts.forEach((table, rows) -> lines.add(new Line(table, rows, seconds.remove(table))));
    seconds.forEach((step, time) -> lines.add(new Line(step, null, time)));
    return lines;
  }

  double totalSeconds() {
    return Duration.between(started, finished).toMillis() / 1000.0;
  }

  void print(PrintStream out) {
    out.println();
    out.printf("%-22s %14s %10s %12s%n", "table or step", "rows", "seconds", "rows/s");
    for (Line line : lines()) {
      out.printf("%-22s %14s %10s %12s%n", line.name(),
          line.rows() == null ? "" : String.format("%,d", line.rows()),
          line.seconds() == null ? "" : String.format("%.1f", line.seconds()),
          line.rowsPerSecond() == null ? "" : String.format("%,.0f", line.rowsPerSecond()));
    }
    out.printf("In all %.0f s; database size %s%n%n", totalSeconds(), databaseSize);
  }

  /** Writes the markdown and JSON files; returns the markdown file. */
  Path write(Path folder) throws IOException {
    Files.createDirectories(folder);
    String base = FILE_TIME.format(started) + "-datagen";
    StringBuilder md = new StringBuilder();
    md.append("# Switchboard data generation, ").append(started).append("\n\n")
        .append("- Command: `").append(command).append("`\n")
        .append("- Scale: ").append(size.scale()).append(", seed ").append(size.seed())
        .append(", a year up to ").append(size.end()).append('\n')
        .append(String.format("- In all %.0f s; database size %s%n", totalSeconds(), databaseSize))
        .append("- cpu: ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores, shared with whatever else runs on the machine\n\n")
        .append("| table or step | rows | seconds | rows/s |\n|---|---:|---:|---:|\n");
    for (Line line : lines()) {
      md.append(String.format("| %s | %s | %s | %s |%n", line.name(),
          line.rows() == null ? "" : String.format("%,d", line.rows()),
          line.seconds() == null ? "" : String.format("%.1f", line.seconds()),
          line.rowsPerSecond() == null ? "" : String.format("%,.0f", line.rowsPerSecond())));
    }
    Path markdown = folder.resolve(base + ".md");
    Files.writeString(markdown, md.toString());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("startedAt", started.toString());
    json.put("durationSeconds", totalSeconds());
    json.put("command", command);
    json.put("scale", size.scale());
    json.put("seed", size.seed());
    json.put("end", size.end().toString());
    json.put("databaseSize", databaseSize);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Line line : lines()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", line.name());
      row.put("rows", line.rows());
      row.put("seconds", line.seconds());
      row.put("rowsPerSecond", line.rowsPerSecond());
      rows.add(row);
    }
    json.put("tables", rows);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(folder.resolve(base + ".json").toFile(), json);
    return markdown;
  }
}
