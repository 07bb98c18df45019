package io.switchboard.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.bench.driver.Latencies;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * W1 (idle sessions) and W5 (reconnect storm) on the same sessions: visitors get tokens, open
 * their WebSockets at an open-loop rate (the ramp, with handshake latencies), each opens a
 * conversation in a queue without agents, and then nothing happens but heartbeats (W1: memory per
 * connection and idle CPU of the node). W5 then has every visitor send one message, drops every
 * socket at once, reconnects them all and resumes from seq 0, checking for gaps. The sessions are
 * spread over several driver processes because of the per-process descriptor limit.
 *
 * <p>Not thread-safe.
 */
public final class SessionWorkloads {
  private final SuiteContext ctx;
  private final Profiler profiler;
  private final Map<String, Object> profiles;

  /** Records a JFR profile of node 1 for each phase (ramp, idle, storm) into {@code profiles}. */
  public SessionWorkloads(SuiteContext ctx, Profiler profiler, Map<String, Object> profiles) {
    this.ctx = ctx;
    this.profiler = profiler;
    this.profiles = profiles;
  }

  private void profileStart(List<Long> pids, String name) {
    profiler.start(pids.get(0), name);
  }

  private void profileStop(List<Long> pids, String name, String title) {
    profiles.put(title, profiler.stop(pids.get(0), name, ctx.work().resolve(name + ".jfr")));
  }

  /** Runs W1 (when {@code idle}) and W5 (when {@code storm}) on {@code nodes}. */
  public Map<String, Map<String, Object>> run(List<URI> nodes, boolean idle, boolean storm)
      throws Exception {
    Scale s = ctx.scale();
    ctx.setup().queue("hold");
    List<Long> pids = ctx.stack().nodePids().subList(0, nodes.size());
    int drivers = s.sessionDrivers();
    Map<String, Map<String, Object>> results = new LinkedHashMap<>();
    List<DriverProcess> ds = ctx.drivers(drivers, nodes);
    try {
      List<JsonNode> minted = DriverProcess.sendAll(ds, Map.of("cmd", "sessions", "queue", "hold",
          "visitors", s.sessions() / drivers));
      Thread.sleep(2000);
      long liveBefore = StepProbe.liveHeapKib(ctx.jcmd(), pids.get(0));
      long rssBefore = ProcStats.rssKib(pids);
      StepProbe rampProbe = StepProbe.start(pids, ctx.jcmd());
      profileStart(pids, "ramp");
      List<JsonNode> ramp = DriverProcess.sendAll(ds, Map.of("cmd", "connect",
          "rate", s.connectRate() / drivers));
      List<JsonNode> started = DriverProcess.sendAll(ds, Map.of("cmd", "start",
          "rate", 1000.0 / drivers));
      Map<String, Object> rampStats = rampProbe.finish();
      profileStop(pids, "ramp", "W1 ramp (connect and start)");
      // Memory and idle CPU are steady-state figures: let the JIT finish compiling what the
      // ramp made hot (it used a fifth of a core for several seconds) before measuring them.
      Thread.sleep((long) (s.settleSeconds() * 1000));
      long rssAfter = ProcStats.rssKib(pids);
      long liveAfter = StepProbe.liveHeapKib(ctx.jcmd(), pids.get(0));
      Map<String, Object> w1 = new LinkedHashMap<>();
      w1.put("nodes", nodes.size());
      w1.put("driverProcesses", drivers);
      w1.put("sessions", s.sessions());
      w1.putAll(SuiteContext.combine(minted));
      w1.putAll(SuiteContext.combine(ramp));
      w1.putAll(SuiteContext.combine(started));
      w1.put("connectRate", s.connectRate());
      w1.put("handshake", SuiteContext.latency(ramp, "handshake"));
      w1.put("startReply", SuiteContext.latency(started, "start"));
      long connected = ((Number) w1.getOrDefault("connections", 0)).longValue();
      w1.put("rssBeforeMiB", StepProbe.round(rssBefore / 1024.0));
      w1.put("rssAfterMiB", StepProbe.round(rssAfter / 1024.0));
      w1.put("rssPerConnectionKiB",
          connected == 0 ? 0 : StepProbe.round((rssAfter - rssBefore) / (double) connected));
      // RSS counts the garbage of the ramp too, in a heap the JVM grew for it; the live heap is
      // what the sessions keep (node 1 only, like the profile).
      w1.put("liveHeapPerConnectionKiB", connected == 0 ? 0 : StepProbe.round(
          (liveAfter - liveBefore) / (connected / (double) pids.size())));
      w1.put("ramp", rampStats);
      if (idle) {
        StepProbe idleProbe = StepProbe.start(pids, ctx.jcmd());
        ThreadCpu idleThreads = ThreadCpu.start(pids.get(0));
        profileStart(pids, "idle");
        Thread.sleep((long) (s.idleSeconds() * 1000));
        Map<String, Object> idleStats = idleProbe.finish();
        long rssIdle = ProcStats.rssKib(pids);
        // Where node 1's idle CPU goes, by thread group (percent of a core; JFR shows Java only).
        idleStats.put("node1Threads", idleThreads.finish());
        profileStop(pids, "idle", "W1 idle");
        w1.put("settleSeconds", s.settleSeconds());
        w1.put("idleSeconds", s.idleSeconds());
        w1.put("idle", idleStats);
        // RSS per session at the end of the idle window, the target's "per idle session": by then
        // G1 has given back the heap it grew for the ramp's garbage (a periodic collection every
        // 10 s, scripts/jvm.options), which the figure after the settle still holds. Runs of the
        // same code agree on it within 2 KiB; the settle's figure moved by 10 KiB between them.
        w1.put("rssIdlePerConnectionKiB",
            connected == 0 ? 0 : StepProbe.round((rssIdle - rssBefore) / (double) connected));
        results.put("W1", w1);
      }
      if (storm) {
        results.put("W5", storm(ds, pids));
      }
    } finally {
      ds.forEach(DriverProcess::close);
    }
    return results;
  }

  private Map<String, Object> storm(List<DriverProcess> ds, List<Long> pids) throws Exception {
    Scale s = ctx.scale();
    List<JsonNode> sent = DriverProcess.sendAll(ds, Map.of("cmd", "sendEach",
        "rate", 2000.0 / ds.size()));
    StepProbe probe = StepProbe.start(pids, ctx.jcmd());
    // On two shared cores the drivers' reconnects compete with the node's: CPU by process per
    // 1,000 sessions resumed, and node 1's by thread group, show who the storm waits for.
    CpuMeter cpu = CpuMeter.start(ctx.stack().cpuGroups(pids,
        ds.stream().mapToLong(DriverProcess::pid).toArray()));
    ThreadCpu threads = ThreadCpu.start(pids.get(0));
    profileStart(pids, "storm");
    List<JsonNode> storm = DriverProcess.sendAll(ds, Map.of("cmd", "storm",
        "seconds", s.stormSeconds()));
    Map<String, Double> node1Threads = threads.finish();
    profileStop(pids, "storm", "W5 reconnect storm");
    Map<String, Object> w5 = new LinkedHashMap<>();
    w5.put("sessions", s.sessions());
    Map<String, Object> before = SuiteContext.combine(sent);
    w5.put("messagesBefore", before.get("acked"));
    w5.putAll(SuiteContext.combine(storm));
    // From the drop: upgrade done, welcome received, resumed (the stage a slow storm waits in).
    w5.put("reconnect", SuiteContext.latency(storm, "reconnect"));
    w5.put("welcome", SuiteContext.latency(storm, "welcome"));
    Histogram merged = new Histogram(3);
    for (JsonNode answer : storm) {
      merged.add(Latencies.decode(answer.path("resume").asText()));
    }
    long within10 = merged.getTotalCount() == 0 ? 0 : merged.getCountBetweenValues(0, 10_000_000);
    w5.put("resumedWithin10sPercent",
        StepProbe.round(100.0 * within10 / Math.max(1, s.sessions())));
    w5.put("resume", Latencies.summary(merged));
    w5.put("stormSeconds", s.stormSeconds());
    w5.putAll(cpu.finish(merged.getTotalCount()));
    w5.put("node1Threads", node1Threads);
    w5.putAll(probe.finish());
    return w5;
  }
}
