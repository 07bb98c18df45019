package io.switchboard.bench.driver;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * The chat workload in the baseline peer's wire format ({@code join}, {@code msg}, {@code ack}):
 * each conversation has a visitor socket that sends and an agent socket that receives, both
 * joined to it. The peer has no auth, routing or agents, so "agents" only sets nothing here.
 *
 * <p>Thread-safe: callbacks run on the client's event loops, commands on the caller's thread.
 */
public final class RelayLoad implements ChatLoad, WsClient.Listener {
  private final WsClient client;
  private final URI uri;
  private final String prefix;
  private final List<WsConnection> senders = new ArrayList<>();
  private final List<CompletableFuture<Void>> joins = new ArrayList<>();
  private volatile MessageRun run;

  public RelayLoad(WsClient client, URI uri, String prefix) {
    this.client = client;
    this.uri = uri;
    this.prefix = prefix;
  }

  @Override
  public Map<String, Object> prepare(int pairs, int agents) throws InterruptedException {
    long start = Micros.now();
    WsConnection[] visitorSides = new WsConnection[pairs];
    Semaphore inFlight = new Semaphore(256);
    for (int i = 0; i < pairs; i++) {
      String conversation = prefix + "-" + i;
      for (int side = 0; side < 2; side++) {
        CompletableFuture<Void> joined = new CompletableFuture<>();
        joins.add(joined);
        int index = i;
        boolean sender = side == 0;
        inFlight.acquire();
        client.connect(uri, null, null, this).whenComplete((c, e) -> {
          inFlight.release();
          if (e != null) {
            joined.completeExceptionally(e);
            return;
          }
          c.state(joined);
          c.send("{\"t\":\"join\",\"c\":\"" + conversation + "\"}");
          if (sender) {
            visitorSides[index] = c;
          }
        });
      }
    }
    long failed = SbVisitors.awaitAll(new ArrayList<>(joins), 60);
    senders.addAll(java.util.Arrays.asList(visitorSides));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("conversations", pairs);
    out.put("failedJoins", failed);
    out.put("setupSeconds", (Micros.now() - start) / 1e6);
    return out;
  }

  @Override
  public Map<String, Object> run(double rate, double seconds) throws InterruptedException {
    MessageRun step = new MessageRun(true);
    run = step;
    return step.execute(rate, seconds, 10, (index, intended) -> {
      int i = (int) (index % senders.size());
      WsConnection sender = senders.get(i);
      if (sender == null) {
        step.failed();
        return;
      }
      sender.send("{\"t\":\"msg\",\"c\":\"" + prefix + "-" + i + "\",\"id\":\""
          + MessageRun.clientMsgId(index, intended) + "\",\"b\":\"" + MessageRun.text(intended)
          + "\",\"ts\":" + intended + "}");
    });
  }

  @Override
  public void onText(WsConnection connection, String text) {
    String type = Fields.text(text, "t");
    MessageRun r = run;
    if ("msg".equals(type)) {
      if (r != null) {
        r.delivered(Fields.number(text, "ts", Micros.now()));
      }
    } else if ("ack".equals(type)) {
      if (r != null) {
        r.acked(MessageRun.stampOfId(Fields.text(text, "id")));
      }
    } else if ("joined".equals(type)) {
      CompletableFuture<Void> joined = connection.state();
      if (joined != null) {
        joined.complete(null);
      }
    } else if ("error".equals(type) && r != null) {
      r.failed();
    }
  }

  @Override
  public void close() {
    senders.forEach(WsConnection::drop);
  }
}
