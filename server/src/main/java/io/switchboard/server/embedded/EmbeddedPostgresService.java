package io.switchboard.server.embedded;

import io.switchboard.server.util.FileTrees;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server from the zonky binaries, with its data in a directory that survives a
 * restart. Used when no database URL is configured, and by the tests. As root it runs the server
 * through {@code unshare -U}, which zonky does by itself.
 *
 * <p>Thread-safe: start and close are called once, from one thread.
 */
public final class EmbeddedPostgresService implements AutoCloseable {
  private final EmbeddedPostgres postgres;
  private final Path dataDir;

  private EmbeddedPostgresService(EmbeddedPostgres postgres, Path dataDir) {
    this.postgres = postgres;
    this.dataDir = dataDir;
  }

  /**
   * Starts PostgreSQL on {@code port} (0 picks a free one) with its cluster in {@code dataDir}.
   * An existing cluster in that directory is reused, so data survives restarts.
   */
  public static EmbeddedPostgresService start(Path dataDir, int port) {
    return start(dataDir, port, Duration.ofSeconds(60));
  }

  /**
   * As {@link #start(Path, int)}, waiting up to {@code startupWait} for the server: a restored
   * backup first replays its WAL, which can take longer than a plain start.
   */
  public static EmbeddedPostgresService start(Path dataDir, int port, Duration startupWait) {
    return start(dataDir, port, startupWait, true);
  }

  /**
   * As {@link #start(Path, int, Duration)}; with {@code stopOnExit} false no JVM shutdown hook
   * stops the server, and the caller must {@link #close} it (a node stops its own stores after it
   * has drained, which a hook running beside its shutdown would not wait for).
   */
  public static EmbeddedPostgresService start(Path dataDir, int port, Duration startupWait,
      boolean stopOnExit) {
    try {
      Files.createDirectories(dataDir);
      boolean existing = Files.exists(dataDir.resolve("PG_VERSION"));
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .setPGStartupWait(startupWait)
          .setRegisterShutdownHook(stopOnExit)
          .setServerConfig("max_connections", "200")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("fsync", "on");
      if (port > 0) {
        builder.setPort(port);
      }
      if (existing) {
        // A crash may leave a stale pid file behind; postgres removes it only when the pid is gone.
        Files.deleteIfExists(dataDir.resolve("postmaster.pid"));
      }
      return new EmbeddedPostgresService(builder.start(), dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start in " + dataDir, e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  /** A JDBC URL for the {@code postgres} database as the {@code postgres} user. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres?user=postgres";
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stops the server and deletes its data directory, also when stopping failed because the
   * server was already gone: for throwaway servers only.
   */
  public void closeAndDelete() {
    try {
      close();
    } finally {
      FileTrees.delete(dataDir);
    }
  }
}
