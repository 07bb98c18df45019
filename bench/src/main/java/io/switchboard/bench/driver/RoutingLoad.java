package io.switchboard.bench.driver;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The routing workload: agents online in one queue, a pool of connected visitors, and new
 * conversations arriving at an open-loop rate. Each arrival is a {@code start} stamped with its
 * intended time in a pre-chat field; the agent that gets it measures arrival-to-{@code assigned}
 * and closes it at once, which frees the slot and makes the visitor idle again. When no visitor is
 * idle the arrival is counted as skipped (the pool is sized so that this does not happen).
 *
 * <p>Not thread-safe: the suite drives it from one thread.
 */
public final class RoutingLoad {
  private final Http http;
  private final String siteKey;
  private final SbVisitors visitors;
  private final SbAgents agents;
  private final int firstAgent;

  public RoutingLoad(WsClient client, Http http, List<URI> nodes, String siteKey, String queue,
      int firstAgent) {
    this.http = http;
    this.siteKey = siteKey;
    this.firstAgent = firstAgent;
    this.visitors = new SbVisitors(client, nodes, queue);
    this.agents = new SbAgents(client, nodes);
  }

  public Map<String, Object> prepare(int agentCount, int visitorCount) {
    agents.onAssigned(SbAgents.OnAssigned.CLOSE);
    agents.connect(http, agentCount, i -> SwitchboardLoad.agentEmail(firstAgent + i),
        SwitchboardLoad.AGENT_PASSWORD);
    visitors.mint(http, siteKey, visitorCount);
    Map<String, Object> out = new LinkedHashMap<>(visitors.connect(2000));
    out.remove("handshake");
    visitors.allIdle();
    agents.takeRouting();
    return out;
  }

  public Map<String, Object> run(double rate, double seconds) throws InterruptedException {
    AtomicLong skipped = new AtomicLong();
    long before = agents.assigned();
    long start = Micros.now();
    long arrivals = OpenLoop.run(rate, seconds, 0, (i, intended) -> {
      if (!visitors.startOne(intended)) {
        skipped.incrementAndGet();
      }
    });
    long sendEnd = Micros.now();
    long expected = arrivals - skipped.get();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (agents.assigned() - before < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    long assigned = agents.assigned() - before;
    double span = Math.max(sendEnd, Micros.now()) - start;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("targetRate", rate);
    out.put("seconds", seconds);
    out.put("arrivals", arrivals);
    out.put("skipped", skipped.get());
    out.put("assignedPerSecond", Math.round(assigned * 1e6 / span));
    out.putAll(agents.takeRouting());
    out.put("assigned", assigned);
    return out;
  }
}
