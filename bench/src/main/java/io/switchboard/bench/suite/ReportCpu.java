package io.switchboard.bench.suite;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's tables for the rate search and for CPU time per unit of work: which rates the
 * search tried and what it found, the CPU milliseconds per 1,000 messages (or assignments) of
 * each process group for every step, and W2's comparison of Switchboard, the peer and the bare
 * echo at one rate with the Switchboard / peer ratios.
 *
 * <p>Stateless and thread-safe.
 */
final class ReportCpu {
  private static final List<String> GROUPS = List.of("server", "postgres", "redis", "driver",
      "total");

  private ReportCpu() {}

  /** One row per sweep: the grid's highest sustained rate, the rates searched, the result. */
  @SuppressWarnings("unchecked")
  static String searchTable(String unit, List<Map<String, Object>> sweeps) {
    StringBuilder md = new StringBuilder("\n### Highest sustained rate (" + unit + ")\n\n"
        + "| run | grid | searched between | search steps | highest sustained |\n"
        + "|---|---|---|---|---|\n");
    for (Map<String, Object> sweep : sweeps) {
      Object search = sweep.get("search");
      String between = "-";
      StringBuilder tried = new StringBuilder();
      if (search instanceof Map<?, ?> m) {
        between = String.valueOf(m.get("between"));
        for (Object st : (List<?>) sweep.get("steps")) {
          Map<String, Object> step = (Map<String, Object>) st;
          if (Boolean.TRUE.equals(step.get("search"))) {
            tried.append(tried.isEmpty() ? "" : ", ").append(step.get("targetRate"))
                .append(Boolean.TRUE.equals(step.get("sustained")) ? " yes" : " no");
          }
        }
      } else {
        tried.append(search);
      }
      md.append(String.format(Locale.ROOT, "| %s #%s | %s | %s | %s | **%s** |%n",
          sweep.get("system"), sweep.get("round"), sweep.get("gridMaxSustained"), between,
          tried, sweep.get("maxSustained")));
    }
    return md.toString();
  }

  /** CPU ms per 1,000 units for each row (a step with a {@code run} name). */
  @SuppressWarnings("unchecked")
  static String cpuTable(String units, List<Map<String, Object>> rows) {
    StringBuilder md = new StringBuilder("\n### CPU time per 1,000 " + units + " (ms)\n\n"
        + "From /proc/<pid>/stat (user + system, children included) at each step's start and "
        + "end. server: the system under test (node, or the peer's processes); postgres: the "
        + "postmaster and its backends; driver: the load driver (for the echo it also is the "
        + "echo server).\n\n"
        + "| run | target/s | achieved/s | server | postgres | redis | driver | total | steal % |\n"
        + "|---|---|---|---|---|---|---|---|---|\n");
    for (Map<String, Object> row : rows) {
      Map<String, Object> cpu = (Map<String, Object>) row.getOrDefault("cpuMsPer1000", Map.of());
      Object achieved = row.containsKey("ackedPerSecond") ? row.get("ackedPerSecond")
          : row.get("assignedPerSecond");
      md.append("| ").append(row.get("run")).append(" | ").append(row.get("targetRate"))
          .append(" | ").append(achieved).append(" | ");
      for (String g : GROUPS) {
        md.append(cpu.getOrDefault(g, "-")).append(" | ");
      }
      md.append(row.get("stealPercent"))
          .append(Boolean.TRUE.equals(row.get("stealMarked")) ? " (marked)" : "").append(" |\n");
    }
    return md.toString();
  }

  /** W2: each system's median CPU per 1,000 messages at the common rate, and the ratios. */
  @SuppressWarnings("unchecked")
  static String comparison(Map<String, Object> w2) {
    Map<String, Object> cpu = (Map<String, Object>) w2.get("cpuMsPer1000Messages");
    if (cpu == null) {
      return "";
    }
    StringBuilder md = new StringBuilder("\n### Switchboard, the peer and the bare echo at "
        + cpu.get("atRate") + " msgs/s\n\nThe highest grid rate every run sustained; medians "
        + "over rounds of CPU ms per 1,000 acknowledged messages.\n\n"
        + "| system | server | postgres | redis | driver | total | steps |\n"
        + "|---|---|---|---|---|---|---|\n");
    cpu.forEach((system, v) -> {
      if (v instanceof Map<?, ?> m) {
        md.append("| ").append(system).append(" | ");
        for (String g : GROUPS) {
          md.append(m.containsKey(g) ? m.get(g) : "-").append(" | ");
        }
        md.append(m.get("steps")).append(" |\n");
      }
    });
    Map<String, Object> ratios = (Map<String, Object>) w2.getOrDefault("ratios", Map.of());
    md.append("\nSwitchboard / peer: highest sustained rate ").append(ratios.get("rate"))
        .append("x (target at least 1.5x), server CPU per durable message ")
        .append(ratios.get("serverCpuPerMessage")).append("x (target at most 0.6x).\n");
    return md.toString();
  }
}
