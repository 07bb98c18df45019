package io.switchboard.server.backup;

import io.switchboard.server.embedded.EmbeddedPostgresService;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * A real streaming replica of an embedded PostgreSQL, made the way an operator makes one: a base
 * backup of the running primary (the low-level API the backup command uses), its WAL put back in
 * {@code pg_wal}, {@code standby.signal} and a {@code primary_conninfo}; then the standby starts,
 * replays, and follows the primary over a replication connection.
 *
 * <p>Not thread-safe: built and closed by one test.
 */
public final class StreamingReplica {
  private StreamingReplica() {}

  /** Starts a standby of {@code primary} (whose data directory is {@code primaryData}). */
  public static EmbeddedPostgresService start(EmbeddedPostgresService primary, Path primaryData,
      Path work) throws IOException, SQLException {
    Path backup = work.resolve("base");
    try (Connection connection = DriverManager.getConnection(primary.jdbcUrl())) {
      new BaseBackup(connection, primaryData)
          .run(backup, new StepTimer(new PrintStream(OutputStream.nullOutputStream())));
    }
    Path data = backup.resolve("postgres");
    try (Stream<Path> segments = Files.list(backup.resolve("wal"))) {
      for (Path segment : segments.toList()) {
        Files.copy(segment, data.resolve("pg_wal").resolve(segment.getFileName()));
      }
    }
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    Files.writeString(data.resolve("standby.signal"), "");
    Files.writeString(data.resolve("postgresql.auto.conf"),
        "\nprimary_conninfo = 'host=127.0.0.1 port=" + primary.port()
            + " user=postgres application_name=replica'\n",
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return EmbeddedPostgresService.start(data, 0, Duration.ofSeconds(60), false);
  }
}
