package io.switchboard.bench.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the suite: for each family of workloads (W1 and W5 share their sessions, W2 and W3
 * their conversations, then W4, then W6 with its extra nodes) it starts fresh stores and node 1,
 * creates the bench data, runs the workloads with a JFR recording of node 1 around them, and
 * stops everything again; then it writes the report. Everything it started is stopped by PID,
 * also on failure.
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
    List<Map<String, Object>> chartPoints = new ArrayList<>();
    if (w.contains("W1") || w.contains("W5")) {
      log("W1/W5: idle sessions and reconnect storm");
      onFreshStack(work.resolve("sessions"), (ctx, stack) -> results.putAll(
          new SessionWorkloads(ctx, profiler, profiles).run(stack.nodeUris().subList(0, 1),
              w.contains("W1"), w.contains("W5"))));
    }
    if (w.contains("W2") || w.contains("W3")) {
      log("W2/W3: throughput and latency, Switchboard and the peer alternating");
      onFreshStack(work.resolve("chat"), (ctx, stack) -> {
        ChatWorkloads chat = new ChatWorkloads(ctx);
        long node1 = stack.nodePids().get(0);
        profiler.start(node1, "chat");
        results.putAll(chat.w2w3(w.contains("W2"), w.contains("W3")));
        profiles.put("W2 and W3", profiler.stop(node1, "chat", work.resolve("chat.jfr")));
        chartPoints.addAll(chat.chartPoints());
      });
    }
    if (w.contains("W4")) {
      log("W4: routing");
      onFreshStack(work.resolve("routing"), (ctx, stack) -> {
        long node1 = stack.nodePids().get(0);
        profiler.start(node1, "routing");
        results.put("W4", new RoutingWorkload(ctx).run());
        profiles.put("W4", profiler.stop(node1, "routing", work.resolve("routing.jfr")));
      });
    }
    if (w.contains("W6") && options.scale().clusterNodes() > 1) {
      log("W6: " + options.scale().clusterNodes() + " nodes");
      onFreshStack(work.resolve("cluster"), (ctx, stack) -> {
        while (stack.nodes().size() < options.scale().clusterNodes()) {
          stack.startNode();
        }
        ChatWorkloads chat = new ChatWorkloads(ctx);
        results.put("W6", chat.w6(20_000));
        chartPoints.addAll(chat.chartPoints());
      });
    }
    ProcStats.Mark end = ProcStats.mark(List.of());
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("startedAt", started.toString());
    report.put("durationSeconds", (Instant.now().getEpochSecond() - started.getEpochSecond()));
    report.put("command", options.commandLine());
    report.put("scale", options.scale().name());
    report.put("workloads", w);
    report.put("machine", Machine.describe());
    report.put("stealPercent", StepProbe.round(ProcStats.stealPercent(whole, end)));
    report.put("loadAverageAtEnd", ProcStats.loadAverage());
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> typed = (Map<String, Map<String, Object>>) (Map<?, ?>) results;
    report.put("targets", Targets.assess(typed));
    report.put("results", results);
    report.put("profiles", profiles);
    String stem = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm").withZone(ZoneOffset.UTC)
        .format(started) + (options.scale().name().equals("full") ? "" : "-" + options.scale().name());
    return Report.write(options.out(), stem, report, chartPoints);
  }

  /** What runs on one stack. */
  private interface Family {
    void run(SuiteContext ctx, Stack stack) throws Exception;
  }

  /**
   * Runs {@code family} on a stack of its own (new PostgreSQL, Redis and node 1), so that what
   * one workload family leaves behind (thousands of waiting conversations after W1) does not
   * load the next one.
   */
  private void onFreshStack(Path dir, Family family) throws Exception {
    try (Stack stack = new Stack(options, dir)) {
      stack.startStores();
      stack.startNode();
      family.run(new SuiteContext(options, stack, new BenchSetup(stack.jdbcUrl()), dir), stack);
    }
  }

  private static void log(String what) {
    System.out.println(Instant.now() + " " + what);
  }
}
