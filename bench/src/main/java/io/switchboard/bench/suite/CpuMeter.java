package io.switchboard.bench.suite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of named groups of processes over one step ("server", "postgres", "redis", "driver"),
 * each group being process trees from {@code /proc/<pid>/stat} (utime + stime, children
 * included), and that time per 1,000 units of work done in the step (messages acknowledged,
 * assignments made). On a shared machine CPU time per message is steadier than a rate, and it
 * shows which process is the limit.
 *
 * <p>Not thread-safe: one meter per step.
 */
public final class CpuMeter {
  private final Map<String, List<Long>> groups;
  private final Map<String, Long> start = new LinkedHashMap<>();

  private CpuMeter(Map<String, List<Long>> groups) {
    this.groups = groups;
    groups.forEach((name, pids) -> start.put(name, jiffies(pids)));
  }

  /** Starts measuring each group; a group with no (known) PIDs is left out. */
  public static CpuMeter start(Map<String, List<Long>> groups) {
    Map<String, List<Long>> known = new LinkedHashMap<>();
    groups.forEach((name, pids) -> {
      List<Long> alive = pids.stream().filter(p -> p > 0).toList();
      if (!alive.isEmpty()) {
        known.put(name, alive);
      }
    });
    return new CpuMeter(known);
  }

  /**
   * The CPU milliseconds each group used since {@link #start} ({@code cpuMs}) and the same per
   * 1,000 {@code units} ({@code cpuMsPer1000}, absent when nothing was done), each with a
   * {@code total}.
   */
  public Map<String, Object> finish(double units) {
    Map<String, Double> ms = new LinkedHashMap<>();
    double total = 0;
    for (Map.Entry<String, List<Long>> g : groups.entrySet()) {
      double used = ProcStats.jiffiesToMillis(jiffies(g.getValue()) - start.get(g.getKey()));
      ms.put(g.getKey(), used);
      total += used;
    }
    ms.put("total", total);
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Double> rounded = new LinkedHashMap<>();
    ms.forEach((k, v) -> rounded.put(k, StepProbe.round(v)));
    out.put("cpuMs", rounded);
    if (units > 0) {
      out.put("cpuMsPer1000", perThousand(ms, units));
    }
    return out;
  }

  /** {@code ms} per 1,000 {@code units}, to two decimals. */
  static Map<String, Double> perThousand(Map<String, Double> ms, double units) {
    Map<String, Double> out = new LinkedHashMap<>();
    ms.forEach((k, v) -> out.put(k, Math.round(v * 1000 / units * 100) / 100.0));
    return out;
  }

  private static long jiffies(List<Long> pids) {
    long sum = 0;
    for (long pid : pids) {
      sum += ProcStats.treeJiffies(pid);
    }
    return sum;
  }
}
