package io.switchboard.bench.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the suite: starts the stores and node 1, creates the bench data, runs the chosen
 * workloads in a fixed order (W1 and W5 share their sessions, W2 and W3 their conversations)
 * with a JFR recording of node 1 around each, starts the extra nodes for W6, and writes the
 * report. Everything it started is stopped at the end, also on failure.
 *
 * <p>Not thread-safe; one run per instance.
 */
public final class BenchSuite {
  private final BenchOptions options;

  public BenchSuite(BenchOptions options) {
    this.options = options;
  }

  public Path run() throws Exception {
    Instant started = Instant.now();
    Path work = Files.createTempDirectory("switchboard-bench-");
    System.out.println("Working files and logs: " + work);
    List<String> w = options.workloads();
    Map<String, Object> results = new LinkedHashMap<>();
    Map<String, Object> profiles = new LinkedHashMap<>();
    ProcStats.Mark whole = ProcStats.mark(List.of());
    Profiler profiler = new Profiler(options.java());
    ChatWorkloads chat;
    try (Stack stack = new Stack(options, work)) {
      stack.startStores();
      stack.startNode();
      SuiteContext ctx = new SuiteContext(options, stack, new BenchSetup(stack.jdbcUrl()), work);
      long node1 = stack.nodePids().get(0);
      chat = new ChatWorkloads(ctx);
      if (w.contains("W1") || w.contains("W5")) {
        log("W1/W5: idle sessions and reconnect storm");
        results.putAll(new SessionWorkloads(ctx, profiler, profiles).run(
            stack.nodeUris().subList(0, 1), w.contains("W1"), w.contains("W5")));
      }
      if (w.contains("W2") || w.contains("W3")) {
        log("W2/W3: throughput and latency, Switchboard and the peer alternating");
        profiler.start(node1, "chat");
        results.putAll(chat.w2w3(w.contains("W2"), w.contains("W3")));
        profiles.put("W2 and W3", profiler.stop(node1, "chat", work.resolve("chat.jfr")));
      }
      if (w.contains("W4")) {
        log("W4: routing");
        profiler.start(node1, "routing");
        results.put("W4", new RoutingWorkload(ctx).run());
        profiles.put("W4", profiler.stop(node1, "routing", work.resolve("routing.jfr")));
      }
      if (w.contains("W6") && options.scale().clusterNodes() > 1) {
        log("W6: " + options.scale().clusterNodes() + " nodes");
        while (stack.nodes().size() < options.scale().clusterNodes()) {
          stack.startNode();
        }
        results.put("W6", chat.w6(20_000));
      }
    }
    ProcStats.Mark end = ProcStats.mark(List.of());
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("startedAt", started.toString());
    report.put("durationSeconds", (Instant.now().getEpochSecond() - started.getEpochSecond()));
    report.put("command", options.commandLine());
    report.put("scale", options.scale().name());
    report.put("workloads", w);
    report.put("machine", Machine.describe(options.java()));
    report.put("stealPercent", StepProbe.round(ProcStats.stealPercent(whole, end)));
    report.put("loadAverageAtEnd", ProcStats.loadAverage());
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> typed = (Map<String, Map<String, Object>>) (Map<?, ?>) results;
    report.put("targets", Targets.assess(typed));
    report.put("results", results);
    report.put("profiles", profiles);
    String stem = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm").withZone(ZoneOffset.UTC)
        .format(started) + (options.scale().name().equals("full") ? "" : "-" + options.scale().name());
    return Report.write(options.out(), stem, report, chat.chartPoints());
  }

  private static void log(String what) {
    System.out.println(Instant.now() + " " + what);
  }
}
