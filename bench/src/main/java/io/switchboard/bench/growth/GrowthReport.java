package io.switchboard.bench.growth;

import io.switchboard.bench.growth.MessageGrowthBenchmark.Round;
import io.switchboard.bench.suite.Machine;
import io.switchboard.bench.suite.ProcStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Writes the growth benchmark's figures as Markdown: the two databases' sizes, every round, and
 * the medians over the rounds with the history database's figures relative to the empty one's.
 *
 * <p>Thread-safe: stateless.
 */
final class GrowthReport {
  private GrowthReport() {}

  static Path write(Path dir, Instant started, Map<String, String> options,
      Map<String, long[]> sizes, List<Round> rounds) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Message table growth, ").append(started).append("\n\n");
    md.append("Command: scripts/bench-message-growth.sh ");
    // The data folder is this machine's own; the report names it only as DIR.
    options.forEach((k, v) -> md.append(k).append(' ')
        .append(k.equals("--data-dir") ? "DIR" : v).append(' '));
    md.append("\n\nMachine: ").append(Machine.describe()).append("\n");
    md.append("Load average at the end: ").append(ProcStats.loadAverage()).append("\n\n");
    md.append("Appends go through the group-commit writer (every send's path, committed before ")
        .append("the ack, fsync on) from concurrent senders that each wait for their ack, into ")
        .append("open conversations of a site of the benchmark's own; the two databases are on ")
        .append("the same embedded PostgreSQL and take turns.\n\n");
    md.append("| database | messages before | messages table and indexes |\n|---|---|---|\n");
    sizes.forEach((name, size) -> md.append(String.format(Locale.ROOT, "| %s | %,d | %,d MiB |%n",
        name, size[0], size[1] >> 20)));
    md.append("\n| round | database | appended | msgs/s | p50 ms | p99 ms | PostgreSQL CPU ms per "
        + "1,000 | failed |\n|---|---|---|---|---|---|---|---|\n");
    for (Round r : rounds) {
      md.append(String.format(Locale.ROOT, "| %d | %s | %,d | %.0f | %.1f | %.1f | %.0f | %d |%n",
          r.round(), r.database(), r.messages(), r.perSecond(), r.p50Ms(), r.p99Ms(),
          r.postgresCpuMsPerThousand(), r.failed()));
    }
    md.append("\n| median over the rounds | empty | history | history / empty |\n");
    md.append("|---|---|---|---|\n");
    row(md, "msgs/s", rounds, Round::perSecond);
    row(md, "p50 ms", rounds, Round::p50Ms);
    row(md, "p99 ms", rounds, Round::p99Ms);
    row(md, "PostgreSQL CPU ms per 1,000", rounds, Round::postgresCpuMsPerThousand);
    Files.createDirectories(dir);
    String stem = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm").withZone(ZoneOffset.UTC)
        .format(started);
    Path file = dir.resolve(stem + "-message-growth.md");
    Files.writeString(file, md);
    return file;
  }

  private static void row(StringBuilder md, String what, List<Round> rounds,
      ToDoubleFunction<Round> value) {
    double empty = median(rounds, "empty", value);
    double history = median(rounds, "history", value);
    md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f |%n", what, empty, history,
        empty == 0 ? 0 : history / empty));
  }

  private static double median(List<Round> rounds, String database,
      ToDoubleFunction<Round> value) {
    double[] values = rounds.stream().filter(r -> r.database().equals(database))
        .mapToDouble(value).sorted().toArray();
    return values.length == 0 ? 0 : values[values.length / 2];
  }
}
