package io.switchboard.server.backup;

import io.switchboard.server.backup.BackupManifest.FileEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A physical backup of a running PostgreSQL through its documented low-level API ("Making a Base
 * Backup Using the Low Level API"): on one connection {@code pg_backup_start}, a copy of the data
 * directory, {@code pg_backup_stop}, then the returned {@code backup_label} (and
 * {@code tablespace_map}) and the WAL segments written from start to stop. A temporary physical
 * replication slot, held by the same connection, keeps the server from recycling those segments
 * before they are copied. The copy goes to {@code postgres/} and the WAL to {@code wal/} of the
 * backup folder.
 *
 * <p>Not thread-safe: one backup per instance, on the connection it is given.
 */
final class BaseBackup {
  /** Folders whose contents the server rebuilds or that only matter while it runs. */
  private static final Set<String> EMPTY_FOLDERS = Set.of("pg_wal", "pg_replslot", "pg_dynshmem",
      "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");
  /** Files a backup must not carry: the running server's own and any stale label. */
  private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts",
      "backup_label", "tablespace_map", "backup_label.old", "backup_manifest");

  /** What {@code pg_backup_start} and {@code pg_backup_stop} returned, and what was copied. */
  record Result(String startLsn, String stopLsn, List<String> walFiles, List<FileEntry> files) {}

  private final Connection connection;
  private final Path dataDir;

  /** A backup of the server on {@code connection}, whose data directory is {@code dataDir}. */
  BaseBackup(Connection connection, Path dataDir) {
    this.connection = connection;
    this.dataDir = dataDir;
  }

  /** Runs the backup into {@code target} (created), reporting each step to {@code steps}. */
  Result run(Path target, StepTimer steps) throws IOException, SQLException {
    checkServer();
    Path pgTarget = target.resolve("postgres");
    steps.begin("PostgreSQL: pg_backup_start (checkpoint)");
    String slot = "switchboard_backup_" + backendPid();
    query("SELECT pg_create_physical_replication_slot(?, true, true)", slot);
    String startLsn = query("SELECT pg_backup_start(?, true)::text", "switchboard " + slot);
    String startWal = query("SELECT pg_walfile_name(?::pg_lsn)", startLsn);
    steps.begin("PostgreSQL: copy the data directory");
    List<FileEntry> files = new ArrayList<>(TreeCopy.copyTree(dataDir, pgTarget, "postgres/",
        relative -> relative.getNameCount() == 1 && EMPTY_FOLDERS.contains(relative.toString()),
        relative -> SKIPPED_FILES.contains(relative.toString())
            || relative.getFileName().toString().equals("pg_internal.init")
            || relative.getFileName().toString().startsWith("pgsql_tmp")));
    Files.createDirectories(pgTarget.resolve("pg_wal").resolve("archive_status"));
    steps.begin("PostgreSQL: pg_backup_stop and its WAL");
    String stopLsn;
    String label;
    String tablespaceMap;
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(false)")) {
      rs.next();
      stopLsn = rs.getString(1);
      label = rs.getString(2);
      tablespaceMap = rs.getString(3);
    }
    String stopWal = query("SELECT pg_walfile_name(?::pg_lsn)", stopLsn);
    files.add(writeFile(pgTarget.resolve("backup_label"), "postgres/backup_label", label));
    if (tablespaceMap != null && !tablespaceMap.isBlank()) {
      files.add(writeFile(pgTarget.resolve("tablespace_map"), "postgres/tablespace_map",
          tablespaceMap));
    }
    List<String> walFiles = new ArrayList<>();
    for (Path segment : walSegments(startWal, stopWal)) {
      String name = segment.getFileName().toString();
      FileEntry entry = TreeCopy.copyFile(segment, target.resolve("wal").resolve(name),
          "wal/" + name);
      if (entry == null) {
        throw new IOException("WAL segment " + name + " vanished before it was copied");
      }
      files.add(entry);
      walFiles.add(name);
    }
    long segmentsPerLog = 0x1_0000_0000L / Long.parseLong(query(
        "SELECT setting FROM pg_settings WHERE name = 'wal_segment_size'"));
    List<String> segments = walFiles.stream().filter(name -> name.length() == 24).toList();
    if (segments.isEmpty() || !segments.get(0).equals(startWal)
        || !segments.get(segments.size() - 1).equals(stopWal)
        || segmentNumber(stopWal, segmentsPerLog) - segmentNumber(startWal, segmentsPerLog) + 1
            != segments.size()) {
      throw new IOException("the WAL from " + startWal + " to " + stopWal
          + " is not all in " + dataDir.resolve("pg_wal") + "; found " + segments);
    }
    try (PreparedStatement st = connection.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
      st.setString(1, slot);
      st.execute();
    }
    return new Result(startLsn, stopLsn, walFiles, files);
  }

  private void checkServer() throws SQLException, IOException {
    if ("minimal".equals(query("SELECT current_setting('wal_level')"))) {
      throw new IOException("the server runs with wal_level=minimal; an online backup needs"
          + " replica or logical");
    }
    Path tablespaces = dataDir.resolve("pg_tblspc");
    if (Files.isDirectory(tablespaces)) {
      try (Stream<Path> entries = Files.list(tablespaces)) {
        if (entries.findAny().isPresent()) {
          throw new IOException("the cluster has tablespaces outside its data directory;"
              + " back it up with pg_basebackup instead");
        }
      }
    }
  }

  /** The segments and timeline history files in pg_wal from {@code first} to {@code last}. */
  private List<Path> walSegments(String first, String last) throws IOException {
    try (Stream<Path> entries = Files.list(dataDir.resolve("pg_wal"))) {
      return entries.filter(path -> {
        String name = path.getFileName().toString();
        return name.matches("[0-9A-F]{8}\\.history")
            || name.matches("[0-9A-F]{24}") && name.compareTo(first) >= 0
                && name.compareTo(last) <= 0;
      }).sorted().toList();
    }
  }

  /** The segment's number within its timeline: log id times segments per log, plus segment. */
  private static long segmentNumber(String name, long segmentsPerLog) {
    return Long.parseLong(name.substring(8, 16), 16) * segmentsPerLog
        + Long.parseLong(name.substring(16, 24), 16);
  }

  private static FileEntry writeFile(Path file, String name, String text) throws IOException {
    Path written = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), text,
        StandardCharsets.UTF_8);
    FileEntry entry = TreeCopy.copyFile(written, file, name);
    Files.delete(written);
    return entry;
  }

  private int backendPid() throws SQLException {
    return Integer.parseInt(query("SELECT pg_backend_pid()::text"));
  }

  private String query(String sql, String... parameters) throws SQLException {
    try (PreparedStatement st = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        st.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
