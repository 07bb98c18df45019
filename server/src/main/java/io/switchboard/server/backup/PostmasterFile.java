package io.switchboard.server.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code postmaster.pid} of a PostgreSQL data directory to tell whether a server is running
 * on it and on which port: line 1 is the postmaster's process id, line 4 its port.
 *
 * <p>Thread-safe: stateless.
 */
final class PostmasterFile {
  private PostmasterFile() {}

  /** The port of the live server on {@code pgDir}; empty when none runs (or its pid file is stale). */
  static Optional<Integer> runningPort(Path pgDir) throws IOException {
    List<String> lines = lines(pgDir);
    return running(lines).map(server -> Integer.parseInt(lines.get(3).strip()));
  }

  /** The live postmaster of {@code pgDir}; empty when none runs. */
  static Optional<ProcessHandle> runningServer(Path pgDir) throws IOException {
    return running(lines(pgDir));
  }

  private static Optional<ProcessHandle> running(List<String> lines) {
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    return ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive);
  }

  private static List<String> lines(Path pgDir) throws IOException {
    Path file = pgDir.resolve("postmaster.pid");
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<String> lines = Files.readAllLines(file);
    if (lines.size() < 4) {
      throw new IOException(file + " is incomplete: is PostgreSQL starting or stopping? Try again.");
    }
    return lines;
  }
}
