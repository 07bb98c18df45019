package io.switchboard.bench.driver;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chat workload on Switchboard: agents log in and go online, visitors open conversations that
 * the server routes to them, the agents accept, and then visitors send at the target rate. A
 * message counts as delivered when its agent receives the {@code message} event.
 *
 * <p>Thread-safe as its parts; the suite calls it from one thread.
 */
public final class SwitchboardLoad implements ChatLoad {
  /** The password every bench agent gets from the setup. */
  public static final String AGENT_PASSWORD = "bench-agent-password";
  private final Http http;
  private final String siteKey;
  private final SbVisitors visitors;
  private final SbAgents agents;

  private final int firstAgent;

  /** Visitors of {@code queue}, and agents numbered from {@code firstAgent}. */
  public SwitchboardLoad(WsClient client, Http http, List<URI> nodes, String siteKey,
      String queue, int firstAgent) {
    this.http = http;
    this.siteKey = siteKey;
    this.firstAgent = firstAgent;
    this.visitors = new SbVisitors(client, nodes, queue);
    this.agents = new SbAgents(client, nodes);
  }

  /** The email of bench agent {@code i} (created by the suite's setup). */
  public static String agentEmail(int i) {
    return "bench-agent-" + i + "@bench.local";
  }

  @Override
  public Map<String, Object> prepare(int pairs, int agentCount) throws InterruptedException {
    long start = Micros.now();
    agents.onAssigned(SbAgents.OnAssigned.ACCEPT);
    agents.connect(http, agentCount, i -> agentEmail(firstAgent + i), AGENT_PASSWORD);
    visitors.mint(http, siteKey, pairs);
    Map<String, Object> out = new LinkedHashMap<>(visitors.connect(2000));
    out.putAll(visitors.startAll(1000));
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (agents.assigned() < pairs && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    out.put("assigned", agents.assigned());
    out.put("setupSeconds", (Micros.now() - start) / 1e6);
    out.remove("handshake");
    out.remove("start");
    return out;
  }

  @Override
  public Map<String, Object> run(double rate, double seconds) throws InterruptedException {
    MessageRun step = new MessageRun(true);
    agents.deliverTo(step);
    return step.execute(rate, seconds, 10,
        (index, intended) -> visitors.send(step, index, intended));
  }

  @Override
  public void close() {
    // connections close with the client
  }
}
