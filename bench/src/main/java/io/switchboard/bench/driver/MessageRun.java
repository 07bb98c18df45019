package io.switchboard.bench.driver;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One timed step of a chat workload: the open-loop sending, the counts of what came back, the
 * one-way delivery latency (send timestamp carried in the text to the receiving agent) and the
 * commit latency (send to ack). The send timestamp is the intended one, so queueing in the driver
 * or the server is part of the latency.
 *
 * <p>Thread-safe: the adapters' event loops report into it while one thread sends.
 */
public final class MessageRun {
  /** Sends message {@code index}, stamped {@code intendedMicros}. */
  public interface Sender {
    void send(long index, long intendedMicros);
  }

  private static final String PADDING = "x".repeat(64);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong lastAck = new AtomicLong();
  private final Latencies delivery = new Latencies();
  private final Latencies commit = new Latencies();
  private final boolean expectDelivery;

  /** A step whose messages are also delivered to a receiver when {@code expectDelivery}. */
  public MessageRun(boolean expectDelivery) {
    this.expectDelivery = expectDelivery;
  }

  /** The text of a message stamped {@code micros}: "t=MICROS;" and some padding. */
  public static String text(long micros) {
    return "t=" + micros + ";" + PADDING;
  }

  /** The client message id of message {@code index}, which also carries its stamp. */
  public static String clientMsgId(long index, long micros) {
    return "m" + micros + "-" + index;
  }

  /** The stamp in a text made by {@link #text}, or -1. */
  public static long stampOfText(String text) {
    if (text == null || !text.startsWith("t=")) {
      return -1;
    }
    int end = text.indexOf(';');
    return end < 0 ? -1 : Long.parseLong(text, 2, end, 10);
  }

  /** The stamp in an id made by {@link #clientMsgId}, or -1. */
  public static long stampOfId(String id) {
    if (id == null || !id.startsWith("m")) {
      return -1;
    }
    int end = id.indexOf('-');
    return end < 0 ? -1 : Long.parseLong(id, 1, end, 10);
  }

  public void delivered(long stampMicros) {
    delivery.record(Micros.now() - stampMicros);
    delivered.incrementAndGet();
  }

  public void acked(long stampMicros) {
    long now = Micros.now();
    commit.record(now - stampMicros);
    acked.incrementAndGet();
    lastAck.accumulateAndGet(now, Math::max);
  }

  public void failed() {
    errors.incrementAndGet();
  }

  /** Runs the step and waits up to {@code drainSeconds} for the answers. */
  public Map<String, Object> execute(double rate, double seconds, double drainSeconds,
      Sender sender) throws InterruptedException {
    long start = Micros.now();
    OpenLoop.run(rate, seconds, 0, (index, intended) -> {
      sent.incrementAndGet();
      sender.send(index, intended);
    });
    long sendEnd = Micros.now();
    long drainUntil = sendEnd + (long) (drainSeconds * 1_000_000);
    while (Micros.now() < drainUntil
        && (acked.get() + errors.get() < sent.get()
            || (expectDelivery && delivered.get() < sent.get()))) {
      Thread.sleep(20);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("targetRate", rate);
    out.put("seconds", seconds);
    out.put("sendSeconds", (sendEnd - start) / 1e6);
    out.put("sent", sent.get());
    out.put("acked", acked.get());
    out.put("delivered", delivered.get());
    out.put("errors", errors.get());
    long span = Math.max(sendEnd, lastAck.get()) - start;
    out.put("ackedPerSecond", span > 0 ? Math.round(acked.get() * 1e6 / span) : 0);
    out.put("delivery", delivery.encode());
    out.put("commit", commit.encode());
    return out;
  }
}
