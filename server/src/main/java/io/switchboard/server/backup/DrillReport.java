package io.switchboard.server.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
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
 * What one backup drill did: the data's size, each step's seconds, what the restore verified and
 * whether the node on the restored folder served, written as {@code <date>-backup-drill.md} and
 * {@code .json} beside the other benchmarks' figures.
 *
 * <p>Immutable and thread-safe (its builder is not).
 */
record DrillReport(String command, Instant started, Instant finished, long sourceDatabaseBytes,
    long sourceAttachmentBytes, long backupBytes, int backupFiles, String postgresVersion,
    Map<String, Long> mainTables, int tablesCompared, long totalRows, int keyChecksumsMatched,
    List<String> differences, List<Step> steps, int ticketsListed, long ticketsVisible,
    String failure) {
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm").withZone(ZoneOffset.UTC);
  private static final List<String> MAIN_TABLES = List.of("public.conversations",
      "public.messages", "public.tickets", "public.contacts", "public.attachments",
      "public.audit_log");
  private static final double CONTRACT_SECONDS = Duration.ofHours(24).toSeconds();

  /** One timed step of one phase (backup, restore, node). */
  record Step(String phase, String name, double seconds) {}

  boolean passed() {
    return failure == null;
  }

  double seconds(String phase) {
    return steps.stream().filter(s -> s.phase().equals(phase)).mapToDouble(Step::seconds).sum();
  }

  double totalSeconds() {
    return steps.stream().mapToDouble(Step::seconds).sum();
  }

  String summary() {
    return String.format("Backup drill %s: backup %.1f s, restore with verification %.1f s,"
            + " node on the restored data %.1f s; %.1f s in all against the %d hours the contract"
            + " allows. %,d rows in %d tables and %d key checksums matched.%s",
        passed() ? "passed" : "FAILED", seconds("backup"), seconds("restore"), seconds("node"),
        totalSeconds(), 24, totalRows, tablesCompared, keyChecksumsMatched,
        passed() ? "" : " Failure: " + failure);
  }

  /** Writes the markdown and JSON files; returns the markdown file. */
  Path write(Path folder) throws IOException {
    Files.createDirectories(folder);
    String base = FILE_TIME.format(started) + "-backup-drill";
    StringBuilder md = new StringBuilder();
    md.append("# Switchboard backup and restore drill, ").append(started).append("\n\n")
        .append("- Command: `").append(command).append("`\n")
        .append("- Result: ").append(passed() ? "passed" : "FAILED: " + failure).append('\n')
        .append(String.format("- Data: PostgreSQL %s, its data directory %,d bytes on disk (WAL"
            + " included); attachments %,d bytes; backup %,d bytes in %,d files%n", postgresVersion, sourceDatabaseBytes,
            sourceAttachmentBytes, backupBytes, backupFiles))
        .append("- Rows: ");
    mainTables.forEach((table, rows) -> md.append(String.format("%s %,d; ",
        table.replace("public.", ""), rows)));
    md.append(String.format("%,d in all %d tables%n", totalRows, tablesCompared))
        .append(String.format("- Verified: every table's rows (%d tables), %d key-table checksums,"
            + " differences: %s%n", tablesCompared, keyChecksumsMatched,
            differences.isEmpty() ? "none" : String.join("; ", differences)))
        .append(String.format("- REST read on the restored node: signed in, GET /v1/tickets listed"
            + " %d tickets (its \"all\" count: %,d)%n", ticketsListed, ticketsVisible))
        .append(String.format("- In all %.1f s (backup %.1f s, restore with verification %.1f s,"
            + " node %.1f s); the contract allows 24 h (%.0f s), this is %.4f%% of it%n",
            totalSeconds(), seconds("backup"), seconds("restore"), seconds("node"),
            CONTRACT_SECONDS, 100 * totalSeconds() / CONTRACT_SECONDS))
        .append("- cpu: ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores, shared with whatever else runs on the machine\n\n")
        .append("| phase | step | seconds |\n|---|---|---:|\n");
    for (Step step : steps) {
      md.append(String.format("| %s | %s | %.2f |%n", step.phase(), step.name(), step.seconds()));
    }
    Path markdown = folder.resolve(base + ".md");
    Files.writeString(markdown, md.toString());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("startedAt", started.toString());
    json.put("finishedAt", finished.toString());
    json.put("command", command);
    json.put("passed", passed());
    json.put("failure", failure);
    json.put("postgresVersion", postgresVersion);
    json.put("sourceDatabaseBytes", sourceDatabaseBytes);
    json.put("sourceAttachmentBytes", sourceAttachmentBytes);
    json.put("backupBytes", backupBytes);
    json.put("backupFiles", backupFiles);
    json.put("mainTables", mainTables);
    json.put("tablesCompared", tablesCompared);
    json.put("totalRows", totalRows);
    json.put("keyChecksumsMatched", keyChecksumsMatched);
    json.put("differences", differences);
    json.put("ticketsListed", ticketsListed);
    json.put("ticketsVisible", ticketsVisible);
    json.put("backupSeconds", seconds("backup"));
    json.put("restoreSeconds", seconds("restore"));
    json.put("nodeSeconds", seconds("node"));
    json.put("totalSeconds", totalSeconds());
    json.put("contractSeconds", CONTRACT_SECONDS);
    json.put("steps", steps);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(folder.resolve(base + ".json").toFile(), json);
    return markdown;
  }

  /** Collects the drill's figures as it goes. Not thread-safe. */
  static final class Builder {
    private final String command;
    private final Instant started;
    private final long sourceDatabaseBytes;
    private final long sourceAttachmentBytes;
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, Long> mainTables = new LinkedHashMap<>();
    private List<String> differences = List.of();
    private BackupManifest manifest;
    private int tablesCompared;
    private long totalRows;
    private int keyChecksumsMatched;
    private int ticketsListed;
    private long ticketsVisible;
    private String failure;
    private String runningPhase;
    private StepTimer runningSteps;

    Builder(String command, Instant started, long sourceDatabaseBytes,
        long sourceAttachmentBytes) {
      this.command = command;
      this.started = started;
      this.sourceDatabaseBytes = sourceDatabaseBytes;
      this.sourceAttachmentBytes = sourceAttachmentBytes;
    }

    /** The timer of the phase that starts now; its steps are kept even when the phase fails. */
    StepTimer phase(String name) {
      runningPhase = name;
      runningSteps = new StepTimer(System.out);
      return runningSteps;
    }

    void backup(BackupManifest backup, List<StepTimer.Step> timed) {
      manifest = backup;
      add("backup", timed);
      MAIN_TABLES.forEach(table -> {
        if (backup.tableRows().containsKey(table)) {
          mainTables.put(table, backup.tableRows().get(table));
        }
      });
    }

    void restore(RestoreCommand.Result result, List<StepTimer.Step> timed) {
      add("restore", timed);
      differences = result.differences();
      tablesCompared = result.tableRows().size();
      totalRows = result.tableRows().values().stream().mapToLong(Long::longValue).sum();
      keyChecksumsMatched = (int) result.manifest().keyChecksums().entrySet().stream()
          .filter(e -> e.getValue().equals(result.keyChecksums().get(e.getKey()))).count();
    }

    void rest(int listed, long visible) {
      ticketsListed = listed;
      ticketsVisible = visible;
    }

    void node(List<StepTimer.Step> timed) {
      add("node", timed);
    }

    void failed(String message) {
      failure = message == null ? "unknown error" : message;
      if (runningSteps != null) {
        List<StepTimer.Step> timed = runningSteps.steps();
        add(runningPhase, timed.subList(0, Math.max(0, timed.size() - 1)));
        timed.stream().skip(Math.max(0, timed.size() - 1)).forEach(last -> steps.add(
            new Step(runningPhase, last.name() + " (failed)", last.seconds())));
      }
    }

    private void add(String phase, List<StepTimer.Step> timed) {
      runningSteps = null;
      timed.forEach(step -> steps.add(new Step(phase, step.name(), step.seconds())));
    }

    DrillReport build(Instant finished) {
      return new DrillReport(command, started, finished, sourceDatabaseBytes,
          sourceAttachmentBytes, manifest == null ? 0 : manifest.totalBytes(),
          manifest == null ? 0 : manifest.files().size(),
          manifest == null ? null : manifest.postgresVersion(), mainTables, tablesCompared,
          totalRows, keyChecksumsMatched, differences, List.copyOf(steps), ticketsListed,
          ticketsVisible, failure);
    }
  }
}
