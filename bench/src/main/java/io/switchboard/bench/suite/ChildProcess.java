package io.switchboard.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process the suite started (a server node, a driver, the peer), with its log in a file. It is
 * stopped by its own PID only: SIGTERM, then SIGKILL after a grace period, and its descendants
 * (the peer's workers) the same way.
 *
 * <p>Not thread-safe.
 */
public class ChildProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  protected ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command} in {@code dir} with extra environment, logging to {@code log}. */
  public static ChildProcess start(String name, List<String> command, Path dir,
      Map<String, String> env, Path log) throws IOException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().putAll(env);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return new ChildProcess(name, builder.start(), log);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  public Process process() {
    return process;
  }

  public String logText() {
    try {
      return log == null ? "" : Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  public String logTail(int lines) {
    List<String> all = logText().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  @Override
  public void close() {
    List<Long> tree = ProcStats.tree(process.pid());
    for (long pid : tree.reversed()) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (long pid : tree) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }
}
