package io.switchboard.server.backup;

import io.switchboard.server.backup.BackupManifest.FileEntry;
import io.switchboard.server.embedded.EmbeddedPostgresService;
import io.switchboard.server.store.backup.DatabaseCensus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * {@code scripts/restore.sh}: restores a backup into a new data folder that {@code scripts/run.sh}
 * can start on ({@code SWITCHBOARD_DATA_DIR}).
 *
 * <pre>
 *   --from BACKUP_DIR     a folder written by backup.sh (with its manifest.json)
 *   --data-dir NEW_DIR    a new or empty folder: the restored database in NEW_DIR/postgres and the
 *                         attachments and other files beside it
 *   --database-url URL    for a pg_dump backup: the empty database to restore into
 * </pre>
 *
 * It copies every file while checking its size and SHA-256 against the manifest, puts the WAL
 * the backup carries into {@code pg_wal}, starts PostgreSQL so that it recovers from that WAL,
 * compares every table's rows and the key tables' checksums with the manifest, and stops it with a
 * checkpoint.
 *
 * <p>Not thread-safe: a command-line entry point.
 */
public final class RestoreCommand {
  private RestoreCommand() {}

  /** The command line, parsed. */
  record Options(Path from, Path dataDir, String databaseUrl) {
    static Options parse(List<String> args) {
      OptionPairs options = OptionPairs.parse(args,
          Set.of("--from", "--data-dir", "--database-url"));
      Path from = options.absolutePath("--from");
      Path dataDir = options.absolutePath("--data-dir");
      String url = options.text("--database-url", null);
      if (from == null || dataDir == null) {
        throw new IllegalArgumentException(
            "usage: restore.sh --from BACKUP_DIR --data-dir NEW_DIR [--database-url URL]");
      }
      return new Options(from, dataDir, url);
    }
  }

  /** What the restored database holds, and where it differs from the manifest. */
  record Result(BackupManifest manifest, Map<String, Long> tableRows,
      Map<String, String> keyChecksums, List<String> differences) {}

  public static void main(String[] args) {
    try {
      Options options = Options.parse(List.of(args));
      StepTimer steps = new StepTimer(System.out);
      Result result = restore(options, steps);
      double seconds = steps.steps().stream().mapToDouble(StepTimer.Step::seconds).sum();
      if (!result.differences().isEmpty()) {
        String text = String.join("\n  ", result.differences());
        if (result.manifest().rowsExact()) {
          System.err.println("restore failed: the restored database differs from the backup:\n  "
              + text);
          System.exit(3);
        }
        System.out.println("Rows written after the backup ended (expected: the node kept"
            + " writing):\n  " + text);
      }
      System.out.printf("Restored %s into %s: %d files verified, %d tables, %.1f s.%n"
              + "Start a node on it with SWITCHBOARD_DATA_DIR=%s%s scripts/run.sh%n",
          options.from(), options.dataDir(), result.manifest().files().size(),
          result.tableRows().size(), seconds, options.dataDir(),
          options.databaseUrl() == null ? "" : " SWITCHBOARD_DATABASE_URL=<that database>");
    } catch (IOException | SQLException | RuntimeException e) {
      System.err.println("restore failed: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Restores, verifies and stops; the differences are for the caller to judge. */
  static Result restore(Options options, StepTimer steps) throws IOException, SQLException {
    BackupManifest manifest = BackupManifest.read(options.from());
    boolean dump = BackupManifest.DUMP.equals(manifest.kind());
    if (dump && options.databaseUrl() == null) {
      throw new IllegalArgumentException("this is a pg_dump backup of an external database:"
          + " give --database-url of the empty database to restore into");
    }
    TreeCopy.requireNewOrEmpty(options.dataDir(), "the target folder");
    if (dump) {
      requireEmptyDatabase(options.databaseUrl());
    }
    steps.begin("copy and verify SHA-256 of " + manifest.files().size() + " files");
    copyVerified(manifest, options);
    if (dump) {
      steps.begin("PostgreSQL: pg_restore");
      DumpBackup.restore(options.databaseUrl(), DumpBackup.major(manifest.postgresVersion()),
          options.from().resolve("database.dump"));
      try (Connection connection = DriverManager.getConnection(options.databaseUrl())) {
        return verify(manifest, connection, steps);
      }
    }
    Path pgDir = options.dataDir().resolve("postgres");
    TreeCopy.copyFolders(options.from().resolve("postgres"), pgDir);
    Files.setPosixFilePermissions(pgDir, PosixFilePermissions.fromString("rwx------"));
    steps.begin("PostgreSQL: recovery from the backup's WAL");
    EmbeddedPostgresService postgres = EmbeddedPostgresService.start(pgDir, 0,
        Duration.ofHours(2));
    try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl())) {
      Result result = verify(manifest, connection, steps);
      steps.begin("PostgreSQL: checkpoint and stop");
      connection.createStatement().execute("CHECKPOINT");
      return result;
    } finally {
      postgres.close();
      steps.end();
    }
  }

  private static void requireEmptyDatabase(String url) throws SQLException, IOException {
    try (Connection connection = DriverManager.getConnection(url)) {
      List<String> tables = new DatabaseCensus(connection).tables();
      if (!tables.isEmpty()) {
        throw new IOException("the database to restore into already has " + tables.size()
            + " tables (" + tables.get(0) + ", ...); give an empty database");
      }
    }
  }

  /** Copies each file of the manifest to its place, failing on any size or checksum mismatch. */
  private static void copyVerified(BackupManifest manifest, Options options) throws IOException {
    List<String> damaged = new ArrayList<>();
    for (FileEntry expected : manifest.files()) {
      Path source = options.from().resolve(expected.path());
      if (!Files.isRegularFile(source)) {
        damaged.add(expected.path() + ": missing");
        continue;
      }
      FileEntry actual;
      Path destination = destination(expected.path(), options.dataDir());
      actual = destination == null ? TreeCopy.hashFile(source, expected.path())
          : TreeCopy.copyFile(source, destination, expected.path());
      if (actual.size() != expected.size() || !actual.sha256().equals(expected.sha256())) {
        damaged.add(expected.path() + ": " + actual.size() + " bytes, SHA-256 " + actual.sha256()
            + "; the manifest says " + expected.size() + " bytes, " + expected.sha256());
      }
    }
    if (!damaged.isEmpty()) {
      throw new IOException("the backup in " + options.from() + " is damaged (" + damaged.size()
          + " files); nothing was started. Delete " + options.dataDir() + " before trying another"
          + " backup:\n  " + String.join("\n  ", damaged.subList(0, Math.min(20, damaged.size()))));
    }
  }

  /** Where a backup file goes in the new data folder; null for the dump, read in place. */
  private static Path destination(String name, Path dataDir) {
    if (name.startsWith("postgres/")) {
      return dataDir.resolve(name);
    }
    if (name.startsWith("wal/")) {
      return dataDir.resolve("postgres").resolve("pg_wal").resolve(name.substring(4));
    }
    if (name.startsWith("files/")) {
      return dataDir.resolve(name.substring(6));
    }
    return null;
  }

  private static Result verify(BackupManifest manifest, Connection connection, StepTimer steps)
      throws SQLException {
    steps.begin("PostgreSQL: row counts and key checksums");
    DatabaseCensus census = new DatabaseCensus(connection);
    Map<String, Long> rows = census.rowCounts();
    Map<String, String> sums = census.keyChecksums(DatabaseCensus.KEY_TABLES);
    List<String> differences = new ArrayList<>();
    manifest.tableRows().forEach((table, expected) -> {
      Long actual = rows.get(table);
      if (!expected.equals(actual)) {
        differences.add(table + ": " + actual + " rows restored, " + expected + " at backup");
      }
    });
    rows.keySet().stream().filter(table -> !manifest.tableRows().containsKey(table))
        .forEach(table -> differences.add(table + ": restored but not in the manifest"));
    manifest.keyChecksums().forEach((table, expected) -> {
      if (!expected.equals(sums.get(table))) {
        differences.add(table + ": key checksum " + sums.get(table) + ", " + expected
            + " at backup");
      }
    });
    return new Result(manifest, rows, sums, differences);
  }
}
