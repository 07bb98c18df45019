package io.switchboard.bench.driver;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Switchboard agents for the driver: log in over HTTP, one WebSocket each (spread over the nodes,
 * shifted by one from the visitors so that most conversations cross nodes when there are several),
 * go online, and then either accept every assigned conversation and receive its messages (chat
 * workloads) or close it at once (routing workload, which frees the slot for the next arrival).
 * The routing latency is from the visitor's stamped arrival to {@code assigned}. Like visitors,
 * agents send the protocol's {@code ping} every 25 s.
 *
 * <p>Thread-safe: callbacks run on the client's event loops, commands on the caller's thread.
 */
public final class SbAgents implements WsClient.Listener {
  /** What an agent does with a conversation assigned to it. */
  public enum OnAssigned { ACCEPT, CLOSE }

  private final WsClient client;
  private final List<URI> nodes;
  private final List<WsConnection> agents = new ArrayList<>();
  private final AtomicLong assigned = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private volatile OnAssigned onAssigned = OnAssigned.ACCEPT;
  private volatile Latencies routing = new Latencies();
  private volatile MessageRun run;

  public SbAgents(WsClient client, List<URI> nodes) {
    this.client = client;
    this.nodes = nodes;
  }

  /** Logs the agents in (emails made by {@code email}), connects them and sets them online. */
  public void connect(Http http, int count, java.util.function.IntFunction<String> email,
      String password) {
    List<JsonNode> logins = Http.all(count, i -> http.post(
        nodes.get(i % nodes.size()).resolve("/v1/agents/login"),
        Map.of("email", email.apply(i), "password", password)));
    List<CompletableFuture<WsConnection>> opened = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      URI base = nodes.get((i + 1) % nodes.size());
      URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/v1/ws");
      opened.add(client.connect(uri, "switchboard.v1.json", logins.get(i).path("token").asText(),
          this));
    }
    for (CompletableFuture<WsConnection> f : opened) {
      WsConnection c = f.join();
      c.state(Boolean.TRUE);
      c.keepAlive(SbVisitors.PING, SbVisitors.PING_SECONDS);
      agents.add(c);
      c.send("{\"type\":\"status\",\"id\":\"online\",\"status\":\"online\"}");
    }
  }

  public void onAssigned(OnAssigned what) {
    this.onAssigned = what;
  }

  public void deliverTo(MessageRun target) {
    this.run = target;
  }

  public long assigned() {
    return assigned.get();
  }

  /** Starts a new routing histogram and returns the previous one's figures. */
  public Map<String, Object> takeRouting() {
    Latencies previous = routing;
    routing = new Latencies();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("assigned", previous.count());
    out.put("agentErrors", errors.get());
    out.put("routing", previous.encode());
    return out;
  }

  @Override
  public void onText(WsConnection connection, String text) {
    String type = Fields.type(text);
    if ("message".equals(type)) {
      long stamp = MessageRun.stampOfText(Fields.text(text, "text"));
      MessageRun r = run;
      if (stamp > 0 && r != null) {
        r.delivered(stamp);
      }
    } else if ("assigned".equals(type)) {
      assigned.incrementAndGet();
      String conversation = Fields.text(text, "conversationId");
      String t0 = Fields.text(text, "t0");
      if (t0 != null) {
        routing.record(Micros.now() - Long.parseLong(t0));
      }
      String command = onAssigned == OnAssigned.ACCEPT ? "accept" : "close";
      connection.send("{\"type\":\"" + command + "\",\"id\":\"" + command
          + "\",\"conversationId\":\"" + conversation + "\"}");
    } else if ("error".equals(type)) {
      if (errors.incrementAndGet() <= 5) {
        System.err.println("agent got " + text);
      }
    }
  }
}
