package io.switchboard.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The targets for two cores, checked against one run's figures: each check says what was
 * aimed at, what was measured, and whether it was met.
 *
 * <p>Stateless and thread-safe.
 */
public final class Targets {
  private Targets() {}

  public static List<Map<String, Object>> assess(Map<String, Map<String, Object>> w) {
    List<Map<String, Object>> out = new ArrayList<>();
    Map<String, Object> w1 = w.get("W1");
    if (w1 != null) {
      // The targets of the second performance round: 8 KiB RSS and 3 KiB live heap per idle
      // session, 5% of a core idle (the first round asked for 6 KiB and 3%).
      String rss = w1.containsKey("rssIdlePerConnectionKiB") ? "rssIdlePerConnectionKiB"
          : "rssPerConnectionKiB";
      check(out, "W1", "RSS growth <= 8 KiB per idle session", num(w1, rss), "KiB",
          num(w1, rss) <= 8);
      check(out, "W1", "live heap <= 3 KiB per connection", num(w1, "liveHeapPerConnectionKiB"),
          "KiB", num(w1, "liveHeapPerConnectionKiB") <= 3);
      check(out, "W1", "idle CPU <= 5% (of one core)", num(w1, "idle.cpuPercent"), "%",
          num(w1, "idle.cpuPercent") <= 5);
      check(out, "W1", "ramp to " + num(w1, "sessions") + " sessions within 10 s",
          num(w1, "rampSeconds"), "s", num(w1, "rampSeconds") <= 10
              && num(w1, "connections") >= num(w1, "sessions"));
      check(out, "W1", "handshake p99 <= 50 ms", num(w1, "handshake.p99Ms"), "ms",
          num(w1, "handshake.p99Ms") <= 50);
    }
    Map<String, Object> w2 = w.get("W2");
    if (w2 != null) {
      double sb = num(w2, "maxSustained.switchboard.median");
      check(out, "W2", ">= 20,000 msgs/s sustained, each committed before its ack", sb, "msgs/s",
          sb >= 20_000);
      double lost = 0;
      for (Object r : (List<?>) w2.getOrDefault("rounds", List.of())) {
        for (Object s : (List<?>) ((Map<?, ?>) r).get("steps")) {
          Object l = ((Map<?, ?>) s).get("lost");
          lost += l instanceof Number n ? n.doubleValue() : 0;
        }
      }
      check(out, "W2", "nothing lost (acked vs rows in PostgreSQL)", lost, "messages", lost == 0);
      double peer = num(w2, "maxSustained.peer.median");
      if (peer > 0) {
        check(out, "W2", ">= 1.5x the peer's highest sustained rate (median of rounds, with the "
            + "search)", sb / peer, "x", sb >= 1.5 * peer);
      }
      double sbCpu = num(w2, "cpuMsPer1000Messages.switchboard.server");
      double peerCpu = num(w2, "cpuMsPer1000Messages.peer.server");
      if (sbCpu > 0 && peerCpu > 0) {
        check(out, "W2", "server CPU per durable message <= 0.6x the peer's (at "
            + num(w2, "cpuMsPer1000Messages.atRate") + " msgs/s, both sustained)",
            sbCpu / peerCpu, "x", sbCpu <= 0.6 * peerCpu);
      }
    }
    Map<String, Object> w3 = w.get("W3");
    if (w3 != null) {
      List<Double> p50 = new ArrayList<>();
      List<Double> p99 = new ArrayList<>();
      List<Double> p999 = new ArrayList<>();
      for (Object r : (List<?>) w3.get("runs")) {
        Map<?, ?> run = (Map<?, ?>) r;
        if ("switchboard".equals(run.get("system"))) {
          Map<?, ?> d = (Map<?, ?>) run.get("delivery");
          p50.add(((Number) d.get("p50Ms")).doubleValue());
          p99.add(((Number) d.get("p99Ms")).doubleValue());
          p999.add(((Number) d.get("p999Ms")).doubleValue());
        }
      }
      check(out, "W3", "p50 <= 1 ms (median of runs)", ChatWorkloads.median(p50), "ms",
          ChatWorkloads.median(p50) <= 1);
      check(out, "W3", "p99 <= 10 ms", ChatWorkloads.median(p99), "ms",
          ChatWorkloads.median(p99) <= 10);
      check(out, "W3", "p99.9 <= 50 ms", ChatWorkloads.median(p999), "ms",
          ChatWorkloads.median(p999) <= 50);
      // Second round: against the peer in the same run, and the commit itself.
      List<Double> peerP99 = new ArrayList<>();
      List<Double> commitP99 = new ArrayList<>();
      for (Object r : (List<?>) w3.get("runs")) {
        Map<?, ?> run = (Map<?, ?>) r;
        if ("peer".equals(run.get("system"))) {
          peerP99.add(((Number) ((Map<?, ?>) run.get("delivery")).get("p99Ms")).doubleValue());
        } else if ("switchboard".equals(run.get("system"))) {
          commitP99.add(((Number) ((Map<?, ?>) run.get("commit")).get("p99Ms")).doubleValue());
        }
      }
      if (!peerP99.isEmpty()) {
        double ratio = ChatWorkloads.median(p99) / ChatWorkloads.median(peerP99);
        check(out, "W3", "p99 <= half the peer's (medians of runs)", ratio, "x", ratio <= 0.5);
      }
      check(out, "W3", "commit p99 <= 10 ms", ChatWorkloads.median(commitP99), "ms",
          ChatWorkloads.median(commitP99) <= 10);
    }
    Map<String, Object> w4 = w.get("W4");
    if (w4 != null) {
      double best = num(w4, "maxSustained");
      check(out, "W4", ">= 2,000 assignments/s", best, "/s", best >= 2_000);
      double worstP99 = 0;
      double over = 0;
      for (Object s : (List<?>) w4.get("steps")) {
        Map<?, ?> step = (Map<?, ?>) s;
        over = Math.max(over, ((Number) step.get("maxAgentsOverCapacity")).doubleValue());
        if (Boolean.TRUE.equals(step.get("sustained"))) {
          worstP99 = ((Number) ((Map<?, ?>) step.get("routing")).get("p99Ms")).doubleValue();
        }
      }
      check(out, "W4", "arrival-to-assignment p99 <= 50 ms (at the highest sustained rate)",
          worstP99, "ms", best > 0 && worstP99 <= 50);
      check(out, "W4", "no agent ever over capacity (sampled)", over, "agents", over == 0);
    }
    Map<String, Object> w5 = w.get("W5");
    if (w5 != null) {
      check(out, "W5", "99% resumed within 10 s", num(w5, "resumedWithin10sPercent"), "%",
          num(w5, "resumedWithin10sPercent") >= 99);
      check(out, "W5", "99% resumed within 5 s (resume p99)", num(w5, "resume.p99Ms"), "ms",
          num(w5, "resume.p99Ms") > 0 && num(w5, "resume.p99Ms") <= 5_000);
      check(out, "W5", "zero gaps in seq", num(w5, "gaps"), "sessions with gaps",
          num(w5, "gaps") == 0);
    }
    Map<String, Object> w6 = w.get("W6");
    if (w6 != null) {
      double unassigned = num(w6, "setup.started") - num(w6, "setup.assigned");
      check(out, "W6", "zero unassigned", unassigned, "conversations", unassigned == 0);
      Map<?, ?> at = reportedStep(w6);
      if (at != null) {
        double p99 = ((Number) ((Map<?, ?>) at.get("delivery")).get("p99Ms")).doubleValue();
        check(out, "W6", "cross-node delivery p99 at " + at.get("targetRate")
            + " msgs/s (met when that step is sustained)", p99, "ms",
            Boolean.TRUE.equals(at.get("sustained")));
      }
    }
    return out;
  }

  /** W6's step at its reported rate: the extra step, or the sweep's step at that rate. */
  private static Map<?, ?> reportedStep(Map<String, Object> w6) {
    if (w6.get("reportedStep") instanceof Map<?, ?> extra) {
      return extra;
    }
    Object sweep = w6.get("sweep");
    if (!(sweep instanceof Map<?, ?> m) || !(m.get("steps") instanceof List<?> steps)) {
      return null;
    }
    // The sweep ran the reported rate (its second grid step) itself.
    return steps.size() > 1 && steps.get(1) instanceof Map<?, ?> second ? second : null;
  }

  private static void check(List<Map<String, Object>> out, String workload, String target,
      double measured, String unit, boolean met) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("workload", workload);
    c.put("target", target);
    c.put("measured", Math.round(measured * 1000) / 1000.0 + " " + unit);
    c.put("met", met);
    out.add(c);
  }

  /** A number at a dotted path in nested maps; 0 when absent. */
  static double num(Map<String, Object> map, String path) {
    Object at = map;
    for (String key : path.split("\\.")) {
      if (!(at instanceof Map<?, ?> m)) {
        return 0;
      }
      at = m.get(key);
    }
    return at instanceof Number n ? n.doubleValue() : 0;
  }
}
