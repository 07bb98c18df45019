package io.switchboard.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W4: new conversations arriving at open-loop rates against many online agents of one queue. The
 * driver measures arrival to {@code assigned}; meanwhile the suite samples PostgreSQL every
 * quarter second for any agent holding more assigned conversations than their capacity. The peer
 * has no routing, so this workload has no peer figures. After the grid of rates a short search
 * finds the highest sustained rate ({@link Sweep}); each step reports the CPU time per 1,000
 * assignments of the node, PostgreSQL, Redis and the driver ({@link CpuMeter}).
 *
 * <p>Not thread-safe.
 */
public final class RoutingWorkload {
  /** Routing agents are numbered from here, apart from the chat workloads' agents. */
  public static final int FIRST_AGENT = 10_000;
  private final SuiteContext ctx;

  public RoutingWorkload(SuiteContext ctx) {
    this.ctx = ctx;
  }

  public Map<String, Object> run() throws Exception {
    Scale s = ctx.scale();
    ctx.setup().queue("routing");
    ctx.setup().agents(FIRST_AGENT, s.routingAgents(), s.routingCapacity(), "routing");
    DriverProcess d = ctx.drivers(1, ctx.stack().nodeUris().subList(0, 1)).get(0);
    Map<String, Object> out = new LinkedHashMap<>();
    try {
      out.put("agents", s.routingAgents());
      out.put("agentCapacity", s.routingCapacity());
      out.put("visitorPool", s.routingVisitors());
      out.put("setup", SuiteContext.combine(List.of(d.send(Map.of("cmd", "routingPrepare",
          "queue", "routing", "firstAgent", FIRST_AGENT, "agents", s.routingAgents(),
          "visitors", s.routingVisitors())))));
      out.putAll(Sweep.run(s.routingRates(), "assignedPerSecond", s.searchSteps(),
          s.searchResolution(), rate -> step(d, rate)));
    } finally {
      d.close();
    }
    return out;
  }

  private Map<String, Object> step(DriverProcess d, double rate) throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong overCapacity = new AtomicLong();
    AtomicLong samples = new AtomicLong();
    Thread sampler = Thread.ofPlatform().daemon().start(() -> {
      while (running.get()) {
        try {
          overCapacity.accumulateAndGet(ctx.setup().agentsOverCapacity(), Math::max);
          samples.incrementAndGet();
          Thread.sleep(250);
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          // a sample failed; the next one counts
        }
      }
    });
    List<Long> node1 = ctx.stack().nodePids().subList(0, 1);
    StepProbe probe = StepProbe.start(node1, ctx.jcmd());
    CpuMeter cpu = CpuMeter.start(ctx.stack().cpuGroups(node1, d.pid()));
    JsonNode answer = d.send(Map.of("cmd", "routingRun", "rate", rate,
        "seconds", ctx.scale().stepSeconds()));
    Map<String, Object> out = SuiteContext.combine(List.of(answer));
    out.putAll(cpu.finish(answer.path("assigned").asDouble()));
    out.putAll(probe.finish());
    running.set(false);
    sampler.join();
    out.put("routing", SuiteContext.latency(List.of(answer), "routing"));
    out.put("capacitySamples", samples.get());
    out.put("maxAgentsOverCapacity", overCapacity.get());
    double expected = ((Number) out.get("arrivals")).doubleValue()
        - ((Number) out.get("skipped")).doubleValue();
    out.put("sustained", ((Number) out.get("skipped")).longValue() == 0
        && ((Number) out.get("assigned")).doubleValue() >= expected * 0.999
        && ((Number) out.get("assignedPerSecond")).doubleValue() >= 0.9 * rate);
    return out;
  }
}
