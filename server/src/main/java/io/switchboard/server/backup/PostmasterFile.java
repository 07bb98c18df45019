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
    Path file = pgDir.resolve("postmaster.pid");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(file);
    if (lines.size() < 4) {
      throw new IOException(file + " is incomplete: is PostgreSQL starting or stopping? Try again.");
    }
    long pid = Long.parseLong(lines.get(0).strip());
    boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    return alive ? Optional.of(Integer.parseInt(lines.get(3).strip())) : Optional.empty();
  }
}
