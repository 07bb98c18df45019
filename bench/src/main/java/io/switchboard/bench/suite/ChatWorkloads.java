package io.switchboard.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * W2 (throughput with every message committed before its ack), W3 (latency at half of W2's
 * maximum) and W6 (the chat workload across several nodes). Switchboard and the peer are loaded
 * by the same driver with the same pairs of visitor and agent, alternating A B A B. A step sends
 * at one open-loop rate; it is sustained when every message is acknowledged and delivered, the
 * acknowledged rate is within 10% of the target and the delivery p99 is under a second. After
 * each step the stored rows are counted in PostgreSQL, so a lost message would show. After the
 * grid, a short search finds the highest sustained rate between its last sustained step and the
 * first that was not ({@link Sweep}). Each step reports the CPU time per 1,000 acknowledged
 * messages of the server, PostgreSQL, Redis and the driver ({@link CpuMeter}); W2 adds the bare
 * echo's cost as the floor and compares Switchboard with the peer ({@link CpuComparison}).
 *
 * <p>Not thread-safe.
 */
public final class ChatWorkloads {
  private final SuiteContext ctx;
  private final List<Map<String, Object>> chartPoints = new ArrayList<>();

  public ChatWorkloads(SuiteContext ctx) {
    this.ctx = ctx;
  }

  /** The (system, rate, p99) points of every step, for the chart. */
  public List<Map<String, Object>> chartPoints() {
    return chartPoints;
  }

  /** One system loaded by one driver; {@code cpu} names the process groups whose CPU counts. */
  private record Target(String system, DriverProcess driver, List<Long> pids, String jcmd,
      String table, Map<String, List<Long>> cpu) {}

  public Map<String, Map<String, Object>> w2w3(boolean w2, boolean w3) throws Exception {
    Scale s = ctx.scale();
    ctx.setup().queue("chat");
    ctx.setup().agents(0, s.chatAgents(), s.chatCapacity(), "chat");
    List<URI> first = ctx.stack().nodeUris().subList(0, 1);
    List<DriverProcess> all = new ArrayList<>();
    Map<String, Map<String, Object>> results = new LinkedHashMap<>();
    try {
      List<Target> targets = new ArrayList<>();
      DriverProcess sb = add(all, ctx.drivers(1, first));
      Map<String, Object> sbSetup = prepare(sb,
          Map.of("cmd", "chatPrepare", "adapter", "switchboard", "queue", "chat",
              "firstAgent", 0, "pairs", s.chatPairs(), "agents", s.chatAgents()));
      List<Long> node1 = ctx.stack().nodePids().subList(0, 1);
      targets.add(new Target("switchboard", sb, node1, ctx.jcmd(), "messages",
          ctx.stack().cpuGroups(node1, sb.pid())));
      boolean peer = ctx.stack().peerUri() != null || ctx.stack().startPeer(2);
      Map<String, Object> peerSetup = Map.of();
      if (peer) {
        DriverProcess pd = add(all, ctx.drivers(1, first));
        peerSetup = prepare(pd, Map.of("cmd", "chatPrepare", "adapter", "relay",
            "prefix", "r" + System.currentTimeMillis(), "pairs", s.chatPairs(), "agents", 0));
        List<Long> peerPids = List.of(ctx.stack().peerPid());
        targets.add(new Target("peer", pd, peerPids, null, "peer_messages",
            ctx.stack().cpuGroups(peerPids, pd.pid())));
      }
      Map<String, Object> w2r = new LinkedHashMap<>();
      w2r.put("pairs", s.chatPairs());
      w2r.put("agents", s.chatAgents());
      w2r.put("agentCapacity", s.chatCapacity());
      w2r.put("stepSeconds", s.stepSeconds());
      w2r.put("switchboardSetup", sbSetup);
      w2r.put("peerSetup", peer ? peerSetup : "not measured: the peer was not found");
      // The bare echo: a WebSocket echo server inside its own driver, the floor of a message's
      // cost; its CPU is that driver's (client and echo server together).
      DriverProcess echo = add(all, ctx.drivers(1, first));
      prepare(echo, Map.of("cmd", "chatPrepare", "adapter", "echo", "pairs",
          Math.min(200, s.chatPairs()), "agents", 0));
      Target echoTarget = new Target("echo", echo, List.of(echo.pid()), null, null,
          Map.of("driver", List.of(echo.pid())));
      Map<String, List<Double>> maxima = new LinkedHashMap<>();
      if (w2) {
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (int round = 1; round <= s.rounds(); round++) {
          for (Target t : targets) {
            Map<String, Object> sweep = sweep(t, s.chatRates(), round);
            maxima.computeIfAbsent(t.system(), k -> new ArrayList<>())
                .add(((Number) sweep.get("maxSustained")).doubleValue());
            rounds.add(sweep);
          }
        }
        w2r.put("rounds", rounds);
        w2r.put("maxSustained", medians(maxima));
        double common = CpuComparison.commonRate(rounds, s.chatRates());
        List<Map<String, Object>> floor = new ArrayList<>();
        for (int round = 1; round <= s.rounds(); round++) {
          Map<String, Object> step = step(echoTarget, common, s.stepSeconds());
          step.put("round", round);
          floor.add(step);
        }
        w2r.put("echoFloor", floor);
        Map<String, Object> cpu = CpuComparison.summary(rounds, common, floor);
        w2r.put("cpuMsPer1000Messages", cpu);
        w2r.put("ratios", CpuComparison.ratios(medians(maxima), cpu));
        results.put("W2", w2r);
      }
      if (w3) {
        double sbMax = maxima.containsKey("switchboard") ? median(maxima.get("switchboard")) : 0;
        double rate = Math.max(s.chatRates()[0] / 2, sbMax / 2);
        targets.add(echoTarget);
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (int round = 1; round <= s.rounds(); round++) {
          for (Target t : targets) {
            Map<String, Object> step = step(t, rate, s.latencySeconds());
            step.put("system", t.system());
            step.put("round", round);
            rounds.add(step);
          }
        }
        Map<String, Object> w3r = new LinkedHashMap<>();
        w3r.put("rate", rate);
        w3r.put("seconds", s.latencySeconds());
        w3r.put("p99AsMultipleOfEcho", echoMultiples(rounds));
        w3r.put("runs", rounds);
        results.put("W3", w3r);
      }
    } finally {
      all.forEach(DriverProcess::close);
    }
    return results;
  }

  /** W6: the chat sweep with visitors and agents spread over every node (most cross nodes). */
  public Map<String, Object> w6(int firstAgent) throws Exception {
    Scale s = ctx.scale();
    ctx.setup().queue("cluster");
    ctx.setup().agents(firstAgent, s.chatAgents(), s.chatCapacity(), "cluster");
    List<URI> nodes = ctx.stack().nodeUris();
    DriverProcess d = ctx.drivers(1, nodes).get(0);
    try {
      Map<String, Object> setup = prepare(d, Map.of("cmd", "chatPrepare", "adapter",
          "switchboard", "queue", "cluster", "firstAgent", firstAgent, "pairs", s.chatPairs(),
          "agents", s.chatAgents()));
      Target t6 = new Target("switchboard-" + nodes.size() + "-nodes", d,
          ctx.stack().nodePids(), ctx.jcmd(), "messages",
          ctx.stack().cpuGroups(ctx.stack().nodePids(), d.pid()));
      Map<String, Object> sweep = sweep(t6, s.chatRates(), 1);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("nodes", nodes.size());
      out.put("setup", setup);
      out.put("sweep", sweep);
      // The cross-node figures are reported at a fixed rate (1,000 msgs/s at full scale), which
      // the sweep skips when a lower step is already not sustained.
      double reported = s.chatRates()[Math.min(1, s.chatRates().length - 1)];
      boolean ran = ((List<?>) sweep.get("steps")).stream()
          .anyMatch(step -> ((Number) ((Map<?, ?>) step).get("targetRate")).doubleValue()
              == reported);
      if (!ran) {
        out.put("reportedStep", step(t6, reported, s.stepSeconds()));
      }
      return out;
    } finally {
      d.close();
    }
  }

  /** The grid of rates, then the search for the highest sustained rate (see {@link Sweep}). */
  private Map<String, Object> sweep(Target t, double[] rates, int round) throws Exception {
    Scale s = ctx.scale();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("system", t.system());
    out.put("round", round);
    out.putAll(Sweep.run(rates, "ackedPerSecond", s.searchSteps(), s.searchResolution(),
        rate -> {
          Map<String, Object> step = step(t, rate, s.stepSeconds());
          chartPoints.add(Map.of("system", t.system(), "rate", step.get("ackedPerSecond"),
              "p99Ms", ((Map<?, ?>) step.get("delivery")).get("p99Ms"), "round", round));
          return step;
        }));
    return out;
  }

  private Map<String, Object> step(Target t, double rate, double seconds) throws Exception {
    long rowsBefore = t.table() == null ? 0 : ctx.setup().count(t.table());
    StepProbe probe = StepProbe.start(t.pids(), t.jcmd());
    CpuMeter cpu = CpuMeter.start(t.cpu());
    JsonNode answer = t.driver().send(Map.of("cmd", "chatRun", "rate", rate, "seconds", seconds));
    Map<String, Object> out = SuiteContext.combine(List.of(answer));
    out.putAll(cpu.finish(answer.path("acked").asDouble()));
    out.putAll(probe.finish());
    out.put("delivery", SuiteContext.latency(List.of(answer), "delivery"));
    out.put("commit", SuiteContext.latency(List.of(answer), "commit"));
    if (t.table() != null) {
      long stored = ctx.setup().count(t.table()) - rowsBefore;
      out.put("storedRows", stored);
      out.put("lost", Math.max(0, ((Number) out.get("acked")).longValue() - stored));
    }
    double sent = ((Number) out.get("sent")).doubleValue();
    double acked = ((Number) out.get("acked")).doubleValue();
    double delivered = ((Number) out.get("delivered")).doubleValue();
    double p99 = ((Map<String, Double>) out.get("delivery")).get("p99Ms");
    boolean sustained = ((Number) out.get("errors")).longValue() == 0
        && acked >= sent * 0.999 && delivered >= sent * 0.999
        && ((Number) out.get("ackedPerSecond")).doubleValue() >= 0.9 * rate
        && p99 <= 1000 && ((Number) out.getOrDefault("lost", 0)).longValue() == 0;
    out.put("sustained", sustained);
    return out;
  }

  /** Per system, the median over rounds of its delivery p99 divided by the echo's p99. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> echoMultiples(List<Map<String, Object>> runs) {
    Map<Object, Double> echo = new LinkedHashMap<>();
    for (Map<String, Object> r : runs) {
      if ("echo".equals(r.get("system"))) {
        echo.put(r.get("round"), ((Map<String, Double>) r.get("delivery")).get("p99Ms"));
      }
    }
    Map<String, List<Double>> multiples = new LinkedHashMap<>();
    for (Map<String, Object> r : runs) {
      Double e = echo.get(r.get("round"));
      if (e != null && e > 0 && !"echo".equals(r.get("system"))) {
        multiples.computeIfAbsent((String) r.get("system"), k -> new ArrayList<>())
            .add(StepProbe.round(((Map<String, Double>) r.get("delivery")).get("p99Ms") / e));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    multiples.forEach((system, values) -> out.put(system, median(values)));
    return out;
  }

  private static DriverProcess add(List<DriverProcess> all, List<DriverProcess> more) {
    all.addAll(more);
    return more.get(0);
  }

  private static Map<String, Object> prepare(DriverProcess d, Map<String, Object> command)
      throws Exception {
    return SuiteContext.combine(List.of(d.send(command)));
  }

  private static Map<String, Object> medians(Map<String, List<Double>> maxima) {
    Map<String, Object> out = new LinkedHashMap<>();
    maxima.forEach((system, values) -> out.put(system, Map.of("median", median(values),
        "runs", values)));
    return out;
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
  }
}
