package io.switchboard.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU of one process by group of threads, from {@code /proc/PID/task/TID/stat}: the Netty event
 * loops, the JIT compilers, the garbage collector, JFR, Lettuce and the node's own named threads.
 * Java samples (JFR) show only code running in Java; this also counts the kernel work of socket
 * reads and writes on the event loops, the compilers and the collector, which is where an idle
 * node's CPU goes.
 *
 * <p>Not thread-safe: one instance per measured interval.
 */
public final class ThreadCpu {
  /** Groups smaller than this share of a core are left out of the figures. */
  private static final double SHOWN_PERCENT = 0.2;
  private final long pid;
  private final long startNanos = System.nanoTime();
  private final Map<String, Task> start;

  /** One thread's group and its CPU so far (user and system), in clock ticks. */
  private record Task(String group, long ticks) {}

  private ThreadCpu(long pid) {
    this.pid = pid;
    this.start = read(pid);
  }

  /** Starts measuring {@code pid}'s threads. */
  public static ThreadCpu start(long pid) {
    return new ThreadCpu(pid);
  }

  /**
   * Percent of one core each group of threads used since the start, largest first; threads that
   * came and went meanwhile are not counted.
   */
  public Map<String, Double> finish() {
    Map<String, Task> end = read(pid);
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    Map<String, Long> ticks = new HashMap<>();
    end.forEach((tid, thread) -> {
      Task before = start.get(tid);
      long used = thread.ticks() - (before == null ? 0 : before.ticks());
      ticks.merge(thread.group(), used, Long::sum);
    });
    Map<String, Double> percent = new LinkedHashMap<>();
    ticks.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), 100.0 * ProcStats.jiffiesToMillis(e.getValue()) / 1000.0
            / Math.max(seconds, 1e-3)))
        .filter(e -> e.getValue() >= SHOWN_PERCENT)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> percent.put(e.getKey(), StepProbe.round(e.getValue())));
    return percent;
  }

  private static Map<String, Task> read(long pid) {
    Map<String, Task> threads = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      tasks.forEach(task -> {
        try {
          String stat = Files.readString(task.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          long[] times = ProcStats.cpuTimes(stat);
          threads.put(task.getFileName().toString(),
              new Task(group(stat.substring(open + 1, close)), times[0] + times[1]));
        } catch (IOException | RuntimeException e) {
          // The thread ended between the listing and the read.
        }
      });
    } catch (IOException e) {
      // The process is gone: nothing to count.
    }
    return threads;
  }

  /** The group of a thread by its name (which Linux cuts to 15 characters). */
  static String group(String name) {
    if (name.startsWith("multiThreadIoEv") || name.startsWith("nioEventLoop")
        || name.startsWith("epollEventLoop")) {
      return "Netty event loops";
    }
    if (name.contains("CompilerThre")) {
      return "JIT compilers";
    }
    if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
      return "GC and VM";
    }
    if (name.startsWith("JFR ")) {
      return "JFR";
    }
    if (name.startsWith("lettuce-")) {
      return "Lettuce";
    }
    return name.replaceAll("[-#]?\\d+$", "").replaceAll("-$", "");
  }
}
