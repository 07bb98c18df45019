package io.switchboard.server.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one backup holds, written as {@code manifest.json} at the top of the backup folder: every
 * file with its size and SHA-256, the PostgreSQL version and WAL positions, and the row counts and
 * key checksums of the database at the end of the backup.
 *
 * <p>Immutable and thread-safe.
 *
 * @param format the manifest's format version (1)
 * @param kind {@value #BASE_BACKUP} (the embedded server, low-level backup API) or
 *     {@value #DUMP} ({@code pg_dump -Fc} of an external server)
 * @param createdAt when the backup ended (ISO-8601 instant)
 * @param source the data directory or the database URL without its password
 * @param sourceWasRunning whether a node's PostgreSQL was serving while the backup ran
 * @param postgresVersion the server's {@code server_version}
 * @param startLsn the WAL position {@code pg_backup_start} returned (null for a dump)
 * @param stopLsn the WAL position {@code pg_backup_stop} returned (null for a dump)
 * @param walFiles the WAL segments from start to stop that the backup carries
 * @param rowsExact true when nothing could write while the counts were taken, so a restore must
 *     find exactly these rows; false when a node kept writing after the backup ended
 * @param tableRows rows per table ({@code schema.table})
 * @param keyChecksums SHA-256 of a key table's ordered primary keys
 * @param files every file of the backup but this manifest, relative to the backup folder
 */
public record BackupManifest(int format, String kind, String createdAt, String source,
    boolean sourceWasRunning, String postgresVersion, String startLsn, String stopLsn,
    List<String> walFiles, boolean rowsExact, Map<String, Long> tableRows,
    Map<String, String> keyChecksums, List<FileEntry> files) {
  public static final String FILE_NAME = "manifest.json";
  public static final String BASE_BACKUP = "base-backup";
  public static final String DUMP = "pg-dump";

  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT);

  /** One file of the backup. */
  public record FileEntry(String path, long size, String sha256) {}

  /** The total size of the backup's files in bytes. */
  public long totalBytes() {
    return files.stream().mapToLong(FileEntry::size).sum();
  }

  /** Writes this manifest into {@code folder}. */
  public void write(Path folder) throws IOException {
    JSON.writeValue(folder.resolve(FILE_NAME).toFile(), this);
  }

  /** Reads the manifest of the backup in {@code folder}. */
  public static BackupManifest read(Path folder) throws IOException {
    Path file = folder.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null,
          "no " + FILE_NAME + ": not a Switchboard backup folder, or the backup did not finish");
    }
    BackupManifest manifest = JSON.readValue(file.toFile(), BackupManifest.class);
    if (manifest.format() != 1) {
      throw new IOException(file + " has format " + manifest.format() + "; this build reads 1");
    }
    return manifest;
  }
}
