package io.switchboard.server.fault;

import io.switchboard.server.embedded.EmbeddedPostgresService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL server of a fault test's own, in a fresh data directory, which the test may stop
 * immediately (SIGQUIT to the postmaster, like {@code pg_ctl stop -m immediate}) and start again
 * on the same port, or pause and continue (SIGSTOP and SIGCONT to the postmaster and all its
 * backends). The PID comes from the cluster's {@code postmaster.pid}.
 *
 * <p>Not thread-safe.
 */
final class PostgresProcess implements AutoCloseable {
  private final Path dataDir;
  private EmbeddedPostgresService postgres;
  private List<Long> paused = List.of();

  private PostgresProcess(Path dataDir) {
    this.dataDir = dataDir;
    this.postgres = EmbeddedPostgresService.start(dataDir, 0);
  }

  static PostgresProcess start() throws IOException {
    return new PostgresProcess(Files.createTempDirectory("switchboard-fault-pg"));
  }

  String jdbcUrl() {
    return postgres.jdbcUrl();
  }

  long postmasterPid() throws IOException {
    return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
  }

  /** Immediate shutdown: every connection is cut, nothing is flushed beyond the WAL. */
  void stopImmediately() throws IOException, InterruptedException {
    long pid = postmasterPid();
    Signals.send("QUIT", pid);
    Signals.awaitExit(pid, Duration.ofSeconds(30));
  }

  /** Starts it again on the same port and data (crash recovery replays the WAL). */
  void startAgain() {
    int port = postgres.port();
    closeQuietly();
    postgres = EmbeddedPostgresService.start(dataDir, port);
  }

  /** SIGSTOP to the postmaster and every backend: connections stay open, nothing answers. */
  void pause() throws IOException, InterruptedException {
    long pid = postmasterPid();
    List<Long> all = new ArrayList<>();
    all.add(pid);
    ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(child -> all.add(child.pid())));
    for (long each : all) {
      Signals.send("STOP", each);
    }
    paused = all;
  }

  /** SIGCONT to everything {@link #pause()} stopped. */
  void resume() throws IOException, InterruptedException {
    for (long each : paused) {
      if (ProcessHandle.of(each).isPresent()) {
        Signals.send("CONT", each);
      }
    }
    paused = List.of();
  }

  @Override
  public void close() throws Exception {
    resume();
    try {
      postgres.closeAndDelete();
    } catch (RuntimeException alreadyStopped) {
      // stopped by the test; the folder is deleted all the same
    }
  }

  /** Releases the data directory's lock; the server may already be gone. */
  private void closeQuietly() {
    try {
      postgres.close();
    } catch (RuntimeException alreadyStopped) {
      // stopped by the test
    }
  }
}
