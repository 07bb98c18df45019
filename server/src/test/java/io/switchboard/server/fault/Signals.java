package io.switchboard.server.fault;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sends POSIX signals to processes this test JVM started, by PID, and finds which child process
 * an action started. Never looks processes up by name.
 *
 * <p>Stateless and thread-safe.
 */
final class Signals {
  private Signals() {}

  /** Sends {@code signal} (for example {@code KILL}, {@code QUIT}, {@code STOP}, {@code CONT}). */
  static void send(String signal, long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
        .redirectErrorStream(true).start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -s " + signal + " " + pid + " failed: "
          + new String(kill.getInputStream().readAllBytes()));
    }
  }

  /** Waits until the process is gone. */
  static void awaitExit(long pid, Duration timeout) {
    await("process " + pid + " to exit").atMost(timeout).pollInterval(Duration.ofMillis(20))
        .until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
  }

  /** The PIDs of this JVM's descendants. */
  static Set<Long> descendants() {
    return ProcessHandle.current().descendants().map(ProcessHandle::pid)
        .collect(Collectors.toCollection(HashSet::new));
  }

  /** The one descendant process that {@code action} started. */
  static long startedBy(Runnable action) {
    Set<Long> before = descendants();
    action.run();
    Set<Long> started = descendants();
    started.removeAll(before);
    started.removeIf(pid -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    if (started.size() != 1) {
      throw new IllegalStateException("expected one new child process, found " + started);
    }
    return started.iterator().next();
  }
}
