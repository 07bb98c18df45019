package io.switchboard.server.backup;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * {@code scripts/backup-drill.sh}: backs up a populated installation, restores it into a fresh
 * folder, checks every table's rows and the key tables' checksums, starts a node on the restored
 * folder (its {@code /healthz} answers and a signed-in REST read works), stops it, and writes each
 * step's duration to {@code bench-results/<date>-backup-drill.md} and {@code .json}.
 *
 * <pre>
 *   --data-dir DIR        the installation (SWITCHBOARD_DATA_DIR), running or stopped
 *   --work-dir W          a new or empty folder for W/backup, W/restored and W/node.log
 *                         (default target/backup-drill-&lt;time&gt;)
 *   --results DIR         where the figures go (default bench-results)
 *   --email, --password   the staff login for the REST read (default: the generator's admin)
 * </pre>
 *
 * <p>Not thread-safe: a command-line entry point.
 */
public final class BackupDrill {
  private static final DateTimeFormatter FOLDER_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private BackupDrill() {}

  /** The command line, parsed. */
  record Options(Path dataDir, Path workDir, Path results, String email, String password,
      String command) {
    static Options parse(List<String> args, Instant now) {
      OptionPairs options = OptionPairs.parse(args,
          Set.of("--data-dir", "--work-dir", "--results", "--email", "--password"));
      Path dataDir = options.absolutePath("--data-dir");
      Path workDir = Path.of(options.text("--work-dir",
          "target/backup-drill-" + FOLDER_TIME.format(now)));
      Path results = Path.of(options.text("--results", "bench-results"));
      String email = options.text("--email", "admin@gen.switchboard.local");
      String password = options.text("--password", "generated-data");
      if (dataDir == null) {
        throw new IllegalArgumentException("usage: backup-drill.sh --data-dir DIR [--work-dir W]"
            + " [--results DIR] [--email E --password P]");
      }
      return new Options(dataDir, workDir.toAbsolutePath(), results, email,
          password, "scripts/backup-drill.sh " + String.join(" ", args));
    }
  }

  public static void main(String[] args) {
    try {
      Options options = Options.parse(List.of(args), Instant.now());
      DrillReport report = run(options);
      Path file = report.write(options.results());
      System.out.println(report.summary());
      System.out.println("Figures written to " + file);
      System.exit(report.passed() ? 0 : 1);
    } catch (IOException | RuntimeException e) {
      System.err.println("backup drill failed: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Runs the drill; a failed step ends it and is recorded in the report, never hidden. */
  static DrillReport run(Options options) throws IOException {
    TreeCopy.requireNewOrEmpty(options.workDir(), "the work folder");
    Path backup = options.workDir().resolve("backup");
    Path restored = options.workDir().resolve("restored");
    DrillReport.Builder report = new DrillReport.Builder(options.command(), Instant.now(),
        TreeCopy.sizeOf(options.dataDir().resolve("postgres")),
        TreeCopy.sizeOf(options.dataDir().resolve("attachments")));
    try {
      System.out.println("Backing up " + options.dataDir() + " into " + backup);
      StepTimer backupSteps = report.phase("backup");
      BackupManifest manifest = BackupCommand.backup(
          new BackupCommand.Options(options.dataDir(), null, backup), backupSteps);
      report.backup(manifest, backupSteps.steps());
      System.out.println("Restoring into " + restored);
      StepTimer restoreSteps = report.phase("restore");
      RestoreCommand.Result result = RestoreCommand.restore(
          new RestoreCommand.Options(backup, restored, null), restoreSteps);
      report.restore(result, restoreSteps.steps());
      if (manifest.rowsExact() && !result.differences().isEmpty()) {
        throw new IOException("the restored database differs from the backup: "
            + String.join("; ", result.differences()));
      }
      System.out.println("Starting a node on " + restored);
      StepTimer nodeSteps = report.phase("node");
      nodeSteps.begin("node: start on the restored folder until /healthz answers");
      try (DrillNode node = DrillNode.start(restored, options.workDir().resolve("node.log"))) {
        System.out.println("  node pid " + node.pid());
        node.awaitHealthy(Duration.ofMinutes(10));
        nodeSteps.begin("node: sign in and GET /v1/tickets");
        JsonNode tickets = node.readTickets(options.email(), options.password());
        long restoredTickets = result.tableRows().getOrDefault("public.tickets", 0L);
        if (restoredTickets > 0 && tickets.path("tickets").isEmpty()) {
          throw new IOException("GET /v1/tickets listed none of the " + restoredTickets
              + " restored tickets");
        }
        report.rest(tickets.path("tickets").size(), tickets.path("counts").path("all").asLong());
        nodeSteps.begin("node: stop (SIGTERM)");
      }
      stopLeftoverServer(restored);
      report.node(nodeSteps.steps());
    } catch (IOException | java.sql.SQLException | RuntimeException e) {
      report.failed(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      report.failed("interrupted");
    }
    return report.build(Instant.now());
  }

  /** A PostgreSQL the node left running on the restored folder (it should stop it itself). */
  private static void stopLeftoverServer(Path restored) throws IOException {
    Optional<ProcessHandle> server = PostmasterFile.runningServer(restored.resolve("postgres"));
    if (server.isPresent()) {
      server.get().destroy();
      server.get().onExit().orTimeout(60, java.util.concurrent.TimeUnit.SECONDS)
          .exceptionally(e -> server.get()).join();
      throw new IOException("the node left its PostgreSQL running after SIGTERM; it was stopped");
    }
  }
}
