package io.switchboard.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Figures read from {@code /proc}: the machine's CPU steal and a process tree's resident memory
 * and CPU time. A {@link Mark} taken before a step and one taken after give the step's steal
 * share and CPU use.
 *
 * <p>Stateless and thread-safe.
 */
public final class ProcStats {
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcStats() {}

  /** Machine CPU counters (all jiffies and steal jiffies) and a process tree's CPU jiffies. */
  public record Mark(long nanos, long totalJiffies, long stealJiffies, long processJiffies) {}

  public static Mark mark(List<Long> pids) {
    long[] cpu = machineCpu();
    long process = 0;
    for (long pid : pids) {
      process += treeJiffies(pid);
    }
    return new Mark(System.nanoTime(), cpu[0], cpu[1], process);
  }

  /** Steal as a percentage of all CPU time between two marks. */
  public static double stealPercent(Mark a, Mark b) {
    long total = b.totalJiffies() - a.totalJiffies();
    return total <= 0 ? 0 : 100.0 * (b.stealJiffies() - a.stealJiffies()) / total;
  }

  /** The processes' CPU between two marks, in percent of one core. */
  public static double cpuPercent(Mark a, Mark b) {
    double seconds = (b.nanos() - a.nanos()) / 1e9;
    return seconds <= 0 ? 0 : 100.0 * (b.processJiffies() - a.processJiffies())
        / TICKS_PER_SECOND / seconds;
  }

  /** The machine's one-minute load average, or -1 when unknown. */
  public static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Resident memory of a process and its descendants, in KiB. */
  public static long rssKib(List<Long> pids) {
    long sum = 0;
    for (long pid : pids) {
      for (long p : tree(pid)) {
        sum += statusField(p, "VmRSS:");
      }
    }
    return sum;
  }

  private static long[] machineCpu() {
    try {
      String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] parts = line.trim().split("\\s+");
      long total = 0;
      // user nice system idle iowait irq softirq steal (guest fields are already in user/nice)
      for (int i = 1; i <= Math.min(8, parts.length - 1); i++) {
        total += Long.parseLong(parts[i]);
      }
      long steal = parts.length > 8 ? Long.parseLong(parts[8]) : 0;
      return new long[] {total, steal};
    } catch (IOException e) {
      return new long[] {0, 0};
    }
  }

  /**
   * CPU time of a process and its descendants, in clock ticks: user and system time of each live
   * one, plus the time of children they already reaped (PostgreSQL backends that ended).
   */
  public static long treeJiffies(long pid) {
    long sum = 0;
    for (long p : tree(pid)) {
      try {
        long[] times = cpuTimes(Files.readString(Path.of("/proc/" + p + "/stat")));
        sum += times[0] + times[1] + times[2] + times[3];
      } catch (IOException | RuntimeException gone) {
        // the process ended
      }
    }
    return sum;
  }

  /**
   * utime, stime, cutime and cstime (clock ticks) from the text of {@code /proc/<pid>/stat}. The
   * command name may hold spaces and parentheses, so fields are counted after the last ')'.
   */
  static long[] cpuTimes(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // after the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
    return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
        Long.parseLong(f[14])};
  }

  /** Clock ticks as milliseconds. */
  public static double jiffiesToMillis(long jiffies) {
    return jiffies * 1000.0 / TICKS_PER_SECOND;
  }

  private static long statusField(long pid, String name) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException gone) {
      // the process ended
    }
    return 0;
  }

  /** The process and all its descendants (from each thread's children list). */
  static List<Long> tree(long pid) {
    List<Long> out = new ArrayList<>();
    out.add(pid);
    for (int i = 0; i < out.size(); i++) {
      Path tasks = Path.of("/proc/" + out.get(i) + "/task");
      try (var stream = Files.list(tasks)) {
        for (Path task : stream.toList()) {
          String children = Files.readString(task.resolve("children")).trim();
          if (!children.isEmpty()) {
            for (String child : children.split("\\s+")) {
              out.add(Long.parseLong(child));
            }
          }
        }
      } catch (IOException | RuntimeException gone) {
        // the process ended
      }
    }
    return out;
  }
}
