package io.switchboard.server.backup;

import io.switchboard.server.backup.BackupManifest.FileEntry;
import io.switchboard.server.embedded.EmbeddedPostgresService;
import io.switchboard.server.store.backup.DatabaseCensus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code scripts/backup.sh}: backs up one installation into a new folder with a manifest.
 *
 * <pre>
 *   --data-dir DIR        the installation's data folder (SWITCHBOARD_DATA_DIR): its embedded
 *                         PostgreSQL in DIR/postgres, running (a node serves it) or stopped, and
 *                         the attachments and other files beside it
 *   --database-url URL    instead of the embedded server: an external PostgreSQL, dumped with a
 *                         matching pg_dump (attachments still come from --data-dir when given)
 *   --to BACKUP_DIR       a new or empty folder for the backup
 * </pre>
 *
 * <p>Redis is not backed up: it holds only live state that a node rebuilds from PostgreSQL.
 *
 * <p>Not thread-safe: a command-line entry point.
 */
public final class BackupCommand {
  /** Top-level entries of the data folder that are not copied as files. */
  private static final List<String> NOT_FILES = List.of("postgres", "redis");

  private BackupCommand() {}

  /** The command line, parsed. */
  record Options(Path dataDir, String databaseUrl, Path target) {
    static Options parse(List<String> args) {
      OptionPairs options = OptionPairs.parse(args, Set.of("--data-dir", "--database-url", "--to"));
      Path dataDir = options.absolutePath("--data-dir");
      String url = options.text("--database-url", null);
      Path target = options.absolutePath("--to");
      if (target == null || dataDir == null && url == null) {
        throw new IllegalArgumentException(
            "usage: backup.sh (--data-dir DIR | --database-url URL [--data-dir DIR]) --to BACKUP_DIR");
      }
      return new Options(dataDir, url, target);
    }
  }

  public static void main(String[] args) {
    try {
      Options options = Options.parse(List.of(args));
      StepTimer steps = new StepTimer(System.out);
      BackupManifest manifest = backup(options, steps);
      double seconds = steps.steps().stream().mapToDouble(StepTimer.Step::seconds).sum();
      System.out.printf("Backup written to %s: %d files, %,d bytes, PostgreSQL %s, %s, %.1f s%n",
          options.target(), manifest.files().size(), manifest.totalBytes(),
          manifest.postgresVersion(), manifest.startLsn() == null ? "pg_dump -Fc"
              : "WAL " + manifest.startLsn() + " to " + manifest.stopLsn(), seconds);
    } catch (IOException | SQLException | RuntimeException e) {
      System.err.println("backup failed: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Runs the backup and writes its manifest last, so a folder with a manifest is complete. */
  static BackupManifest backup(Options options, StepTimer steps) throws IOException, SQLException {
    TreeCopy.requireNewOrEmpty(options.target(), "the backup folder");
    if (options.databaseUrl() != null) {
      return dumpBackup(options, steps);
    }
    Path pgDir = options.dataDir().resolve("postgres");
    if (!Files.isRegularFile(pgDir.resolve("PG_VERSION"))) {
      throw new IOException("no PostgreSQL data directory in " + pgDir
          + " (is --data-dir the folder SWITCHBOARD_DATA_DIR names?)");
    }
    Optional<Integer> runningPort = PostmasterFile.runningPort(pgDir);
    EmbeddedPostgresService started = null;
    String url;
    if (runningPort.isPresent()) {
      url = "jdbc:postgresql://127.0.0.1:" + runningPort.get() + "/postgres?user=postgres";
    } else {
      steps.begin("PostgreSQL: start the stopped server");
      started = EmbeddedPostgresService.start(pgDir, 0);
      url = started.jdbcUrl();
    }
    try (Connection connection = DriverManager.getConnection(url)) {
      BaseBackup.Result result = new BaseBackup(connection, pgDir).run(options.target(), steps);
      List<FileEntry> files = new ArrayList<>(result.files());
      files.addAll(copyFiles(options.dataDir(), options.target(), steps));
      return finish(options, connection, steps, BackupManifest.BASE_BACKUP, runningPort.isPresent(),
          result.startLsn(), result.stopLsn(), result.walFiles(), files);
    } finally {
      if (started != null) {
        steps.begin("PostgreSQL: stop the server again");
        started.close();
      }
    }
  }

  private static BackupManifest dumpBackup(Options options, StepTimer steps)
      throws IOException, SQLException {
    try (Connection connection = DriverManager.getConnection(options.databaseUrl())) {
      String version = new DatabaseCensus(connection).serverVersion();
      steps.begin("PostgreSQL: pg_dump -Fc");
      Path dump = options.target().resolve("database.dump");
      DumpBackup.dump(options.databaseUrl(), DumpBackup.major(version), dump);
      List<FileEntry> files = new ArrayList<>(List.of(TreeCopy.hashFile(dump, "database.dump")));
      if (options.dataDir() != null) {
        files.addAll(copyFiles(options.dataDir(), options.target(), steps));
      }
      return finish(options, connection, steps, BackupManifest.DUMP, true, null, null, List.of(),
          files);
    }
  }

  /** Copies the attachments and the other files beside the database into {@code files/}. */
  private static List<FileEntry> copyFiles(Path dataDir, Path target, StepTimer steps)
      throws IOException {
    steps.begin("files: attachments and exports");
    List<FileEntry> files = new ArrayList<>();
    if (!Files.isDirectory(dataDir)) {
      return files;
    }
    try (Stream<Path> entries = Files.list(dataDir)) {
      for (Path entry : entries.sorted().toList()) {
        String name = entry.getFileName().toString();
        if (NOT_FILES.contains(name)) {
          continue;
        }
        if (Files.isDirectory(entry)) {
          files.addAll(TreeCopy.copyTree(entry, target.resolve("files").resolve(name),
              "files/" + name + "/", relative -> false, relative -> false));
        } else if (Files.isRegularFile(entry)) {
          FileEntry copied = TreeCopy.copyFile(entry, target.resolve("files").resolve(name),
              "files/" + name);
          if (copied != null) {
            files.add(copied);
          }
        }
      }
    }
    return files;
  }

  private static BackupManifest finish(Options options, Connection connection, StepTimer steps,
      String kind, boolean running, String startLsn, String stopLsn, List<String> walFiles,
      List<FileEntry> files) throws IOException, SQLException {
    steps.begin("PostgreSQL: row counts and key checksums");
    DatabaseCensus census = new DatabaseCensus(connection);
    String source = options.databaseUrl() != null
        ? options.databaseUrl().replaceAll("(?i)([?&]password=)[^&]*", "$1***")
            .replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@")
        : options.dataDir().toString();
    BackupManifest manifest = new BackupManifest(1, kind, Instant.now().toString(), source, running,
        census.serverVersion(), startLsn, stopLsn, walFiles, !running, census.rowCounts(),
        census.keyChecksums(DatabaseCensus.KEY_TABLES), files);
    manifest.write(options.target());
    steps.end();
    return manifest;
  }
}
