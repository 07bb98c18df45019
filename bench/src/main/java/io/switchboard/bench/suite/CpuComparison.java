package io.switchboard.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * W2's CPU comparison: per system, the median over rounds of each process group's CPU
 * milliseconds per 1,000 acknowledged messages, taken at one rate every system sustained in
 * every round (CPU per message falls as a fixed cost spreads over more messages, so only the
 * same rate compares); the bare echo's cost beside them as the floor; and the ratios Switchboard
 * / peer of the highest sustained rate and of the server's CPU per message.
 *
 * <p>Stateless and thread-safe.
 */
public final class CpuComparison {
  private CpuComparison() {}

  /**
   * The highest grid rate (search steps left out) that every sweep sustained; the lowest grid
   * rate when there is none.
   */
  public static double commonRate(List<Map<String, Object>> sweeps, double[] grid) {
    Set<Double> common = null;
    for (Map<String, Object> sweep : sweeps) {
      Set<Double> sustained = new TreeSet<>();
      for (Object s : (List<?>) sweep.get("steps")) {
        Map<?, ?> step = (Map<?, ?>) s;
        if (Boolean.TRUE.equals(step.get("sustained")) && !Boolean.TRUE.equals(step.get("search"))) {
          sustained.add(((Number) step.get("targetRate")).doubleValue());
        }
      }
      if (common == null) {
        common = sustained;
      } else {
        common.retainAll(sustained);
      }
    }
    return common == null || common.isEmpty() ? grid[0]
        : common.stream().mapToDouble(Double::doubleValue).max().orElse(grid[0]);
  }

  /**
   * Per system, the medians of {@code cpuMsPer1000} of its grid steps at {@code rate}; the echo
   * steps' medians under {@code echo}.
   */
  public static Map<String, Object> summary(List<Map<String, Object>> sweeps, double rate,
      List<Map<String, Object>> echoSteps) {
    Map<String, List<Map<?, ?>>> bySystem = new LinkedHashMap<>();
    for (Map<String, Object> sweep : sweeps) {
      for (Object s : (List<?>) sweep.get("steps")) {
        Map<?, ?> step = (Map<?, ?>) s;
        if (!Boolean.TRUE.equals(step.get("search"))
            && ((Number) step.get("targetRate")).doubleValue() == rate) {
          bySystem.computeIfAbsent((String) sweep.get("system"), k -> new ArrayList<>()).add(step);
        }
      }
    }
    if (!echoSteps.isEmpty()) {
      bySystem.put("echo", new ArrayList<>(echoSteps));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("atRate", rate);
    bySystem.forEach((system, steps) -> out.put(system, medians(steps)));
    return out;
  }

  /** Switchboard / peer: the highest sustained rates, and the server's CPU per message. */
  public static Map<String, Object> ratios(Map<String, Object> maxSustained,
      Map<String, Object> cpu) {
    Map<String, Object> out = new LinkedHashMap<>();
    double sbRate = Targets.num(maxSustained, "switchboard.median");
    double peerRate = Targets.num(maxSustained, "peer.median");
    double sbCpu = Targets.num(cpu, "switchboard.server");
    double peerCpu = Targets.num(cpu, "peer.server");
    out.put("rate", peerRate > 0 ? Math.round(sbRate / peerRate * 1000) / 1000.0 : null);
    out.put("serverCpuPerMessage",
        peerCpu > 0 && sbCpu > 0 ? Math.round(sbCpu / peerCpu * 1000) / 1000.0 : null);
    return out;
  }

  private static Map<String, Object> medians(List<Map<?, ?>> steps) {
    Map<String, List<Double>> values = new LinkedHashMap<>();
    for (Map<?, ?> step : steps) {
      if (step.get("cpuMsPer1000") instanceof Map<?, ?> cpu) {
        cpu.forEach((k, v) -> values.computeIfAbsent((String) k, x -> new ArrayList<>())
            .add(((Number) v).doubleValue()));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, ChatWorkloads.median(v)));
    out.put("steps", steps.size());
    return out;
  }
}
