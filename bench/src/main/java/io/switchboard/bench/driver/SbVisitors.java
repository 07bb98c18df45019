package io.switchboard.bench.driver;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Switchboard visitors for the driver: tokens from {@code POST /v1/visitors}, one WebSocket each
 * (spread over the nodes), one conversation each, messages, and the reconnect storm (drop every
 * socket, reconnect, resume from seq 0 and check that the seqs have no gaps).
 *
 * <p>Thread-safe: callbacks run on the client's event loops, commands on the caller's thread.
 */
public final class SbVisitors implements WsClient.Listener {
  /** One visitor; its fields are written by its event loop and read by the suite thread. */
  static final class Visitor {
    final int index;
    final String token;
    volatile WsConnection connection;
    volatile String conversationId;
    volatile CompletableFuture<String> started = new CompletableFuture<>();
    volatile long ackedSeq;
    // reconnect storm
    volatile long droppedAt;
    volatile long expectedSeq;
    volatile boolean gap;
    volatile CompletableFuture<Long> resumed;
    volatile Latencies welcomedAfter;

    Visitor(int index, String token) {
      this.index = index;
      this.token = token;
    }
  }

  /** The application-level keepalive every Switchboard client of the driver sends. */
  static final String PING = "{\"type\":\"ping\",\"id\":\"p\"}";
  static final long PING_SECONDS = 25;
  private final WsClient client;
  private final List<URI> nodes;
  private final List<Visitor> visitors = new ArrayList<>();
  private final Queue<Visitor> idle = new ConcurrentLinkedQueue<>();
  private final AtomicLong sendIds = new AtomicLong();
  private final AtomicLong errorsSeen = new AtomicLong();
  private volatile MessageRun run;

  private final String queue;

  /** Visitors whose conversations go to {@code queue}. */
  public SbVisitors(WsClient client, List<URI> nodes, String queue) {
    this.client = client;
    this.nodes = nodes;
    this.queue = queue;
  }

  /** Gets {@code count} visitor tokens for the site, spread over the nodes. */
  public void mint(Http http, String siteKey, int count) {
    List<JsonNode> answers = Http.all(count, i -> http.post(
        nodes.get(i % nodes.size()).resolve("/v1/visitors"), Map.of("siteKey", siteKey)));
    for (int i = 0; i < count; i++) {
      visitors.add(new Visitor(i, answers.get(i).path("visitorToken").asText()));
    }
  }

  public int size() {
    return visitors.size();
  }

  /** Opens every visitor's WebSocket at {@code rate} a second; latencies of the handshakes. */
  public Map<String, Object> connect(double rate) {
    Latencies handshakes = new Latencies();
    List<CompletableFuture<?>> all = new ArrayList<>();
    long start = Micros.now();
    OpenLoop.run(rate, visitors.size() / rate + 1, visitors.size(), (i, intended) -> {
      Visitor v = visitors.get((int) i);
      all.add(open(v).thenAccept(c -> handshakes.record(Micros.now() - intended)));
    });
    long failed = awaitAll(all, 120);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("connections", visitors.size() - failed);
    out.put("failed", failed);
    out.put("rampSeconds", (Micros.now() - start) / 1e6);
    out.put("handshake", handshakes.encode());
    return out;
  }

  private CompletableFuture<WsConnection> open(Visitor v) {
    URI ws = nodes.get(v.index % nodes.size()).resolve("/v1/ws");
    URI uri = URI.create("ws://" + ws.getHost() + ":" + ws.getPort() + "/v1/ws");
    return client.connect(uri, "switchboard.v1.json", v.token, this).thenApply(c -> {
      c.state(v);
      v.connection = c;
      c.keepAlive(PING, PING_SECONDS);
      return c;
    });
  }

  /** Every visitor starts a conversation (at most {@code rate} a second); waits for them all. */
  public Map<String, Object> startAll(double rate) {
    Latencies replies = new Latencies();
    List<CompletableFuture<?>> all = new ArrayList<>();
    long start = Micros.now();
    OpenLoop.run(rate, visitors.size() / rate + 1, visitors.size(), (i, intended) -> {
      Visitor v = visitors.get((int) i);
      v.started = new CompletableFuture<>();
      all.add(v.started.thenAccept(id -> replies.record(Micros.now() - intended)));
      if (v.connection == null) {
        // its WebSocket never opened (counted in connect's failures): its start fails too
        v.started.completeExceptionally(new IllegalStateException("not connected"));
        return;
      }
      v.connection.send("{\"type\":\"start\",\"id\":\"st\",\"queue\":\"" + queue + "\"}");
    });
    long failed = awaitAll(all, 120);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("started", visitors.size() - failed);
    out.put("startSeconds", (Micros.now() - start) / 1e6);
    out.put("start", replies.encode());
    return out;
  }

  /** Makes every visitor available to {@link #startOne} (routing workload). */
  public void allIdle() {
    idle.addAll(visitors);
  }

  /** An idle visitor starts a conversation stamped with its arrival time; false if none idle. */
  public boolean startOne(long intendedMicros) {
    Visitor v = idle.poll();
    if (v == null) {
      return false;
    }
    v.connection.send("{\"type\":\"start\",\"id\":\"st\",\"queue\":\"" + queue
        + "\",\"fields\":{\"t0\":\"" + intendedMicros
        + "\"}}");
    return true;
  }

  /** Sends message {@code index} from visitor {@code index % size} into its conversation. */
  public void send(MessageRun target, long index, long intendedMicros) {
    run = target;
    Visitor v = visitors.get((int) (index % visitors.size()));
    v.connection.send("{\"type\":\"send\",\"id\":\"s" + sendIds.incrementAndGet()
        + "\",\"conversationId\":\"" + v.conversationId + "\",\"clientMsgId\":\""
        + MessageRun.clientMsgId(index, intendedMicros) + "\",\"text\":\""
        + MessageRun.text(intendedMicros) + "\"}");
  }

  /**
   * The reconnect storm: drops every socket at once, reconnects them all (as fast as the client
   * can), resumes each conversation from seq 0 and checks the seqs arrive 1, 2, 3... up to at
   * least the last acknowledged one. Latencies are from the drop to the reconnect (upgrade done),
   * to the {@code welcome} and to {@code resumed}: the three show which stage a slow storm waits in.
   */
  public Map<String, Object> storm(double seconds) {
    Latencies reconnectedAfter = new Latencies();
    Latencies welcomedAfter = new Latencies();
    Latencies resumedAfter = new Latencies();
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (Visitor v : visitors) {
      v.welcomedAfter = welcomedAfter;
      v.resumed = new CompletableFuture<>();
      v.gap = false;
      v.expectedSeq = 1;
      all.add(v.resumed.thenAccept(resumedAfter::record));
    }
    long dropped = Micros.now();
    for (Visitor v : visitors) {
      v.droppedAt = dropped;
      v.connection.drop();
    }
    for (Visitor v : visitors) {
      open(v).thenAccept(c -> reconnectedAfter.record(Micros.now() - v.droppedAt))
          .exceptionally(e -> {
            v.resumed.completeExceptionally(e);
            return null;
          });
    }
    long failed = awaitAll(all, seconds);
    long gaps = visitors.stream().filter(v -> v.gap).count();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sessions", visitors.size());
    out.put("resumed", visitors.size() - failed);
    out.put("gaps", gaps);
    out.put("reconnect", reconnectedAfter.encode());
    out.put("welcome", welcomedAfter.encode());
    out.put("resume", resumedAfter.encode());
    return out;
  }

  @Override
  public void onText(WsConnection connection, String text) {
    Visitor v = connection.state();
    if (v == null) {
      return;
    }
    String type = Fields.type(text);
    switch (type == null ? "" : type) {
      case "started" -> {
        v.conversationId = Fields.text(text, "conversationId");
        v.started.complete(v.conversationId);
      }
      case "ack" -> {
        v.ackedSeq = Math.max(v.ackedSeq, Fields.number(text, "seq", 0));
        MessageRun r = run;
        if (r != null) {
          r.acked(MessageRun.stampOfId(Fields.text(text, "clientMsgId")));
        }
      }
      case "welcome" -> {
        if (v.resumed != null && !v.resumed.isDone() && v.conversationId != null) {
          v.welcomedAfter.record(Micros.now() - v.droppedAt);
          connection.send("{\"type\":\"resume\",\"id\":\"r\",\"conversationId\":\""
              + v.conversationId + "\",\"lastSeq\":0}");
        }
      }
      case "message" -> onMessage(v, text);
      case "resumed" -> onResumed(v, text);
      case "closed" -> {
        v.conversationId = null;
        idle.add(v);
      }
      case "error" -> onError(text);
      default -> { }
    }
  }

  private void onMessage(Visitor v, String text) {
    CompletableFuture<Long> resumed = v.resumed;
    if (resumed != null && !resumed.isDone()) {
      long seq = Fields.number(text, "seq", -1);
      if (seq != v.expectedSeq) {
        v.gap = true;
      }
      v.expectedSeq = seq + 1;
    }
  }

  private void onResumed(Visitor v, String text) {
    CompletableFuture<Long> resumed = v.resumed;
    if (resumed == null || resumed.isDone()) {
      return;
    }
    long lastSeq = Fields.number(text, "lastSeq", -1);
    if (lastSeq != v.expectedSeq - 1 || lastSeq < v.ackedSeq) {
      v.gap = true;
    }
    resumed.complete(Micros.now() - v.droppedAt);
  }

  private void onError(String text) {
    String id = Fields.text(text, "id");
    MessageRun r = run;
    if (id != null && id.startsWith("s") && r != null) {
      r.failed();
    }
    if (errorsSeen.incrementAndGet() <= 5) {
      System.err.println("visitor got " + text);
    }
  }

  /** Waits up to {@code seconds} for the futures; returns how many failed or did not finish. */
  static long awaitAll(List<CompletableFuture<?>> futures, double seconds) {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    long failed = 0;
    for (CompletableFuture<?> f : futures) {
      try {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        failed++;
      }
    }
    return failed;
  }
}
