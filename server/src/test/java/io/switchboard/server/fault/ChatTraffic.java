package io.switchboard.server.fault;

import io.switchboard.sdk.ChatClient;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Chat messages at a steady rate over the conversations of a {@link ChatLoad}, taking turns
 * between conversations and between the visitor and the agent. A client that already has
 * {@value #MAX_PENDING} messages in its outbox is skipped, so an outage makes the outboxes wait,
 * not grow without bound. Every send goes through the SDK's outbox; a send that fails for good
 * is counted.
 *
 * <p>Thread-safe; {@link #stop()} from any thread.
 */
final class ChatTraffic implements AutoCloseable {
  private static final int MAX_PENDING = 20;
  private static final long TICK_MILLIS = 10;

  private final ChatLoad load;
  private final List<String> conversations;
  private final double perTick;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLong issued = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile LongConsumer acked = nanos -> { };
  private double credit;
  private long turn;

  private ChatTraffic(ChatLoad load, int perSecond) {
    this.load = load;
    this.conversations = load.conversations();
    this.perTick = perSecond * TICK_MILLIS / 1000.0;
  }

  /** Starts sending {@code perSecond} messages a second in total. */
  static ChatTraffic start(ChatLoad load, int perSecond) {
    ChatTraffic traffic = new ChatTraffic(load, perSecond);
    traffic.ticker.scheduleAtFixedRate(traffic::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return traffic;
  }

  private void tick() {
    credit += perTick;
    while (credit >= 1) {
      credit -= 1;
      long n = turn++;
      String conversationId = conversations.get((int) (n % conversations.size()));
      boolean fromAgent = (n / conversations.size()) % 2 == 1;
      ChatClient sender = fromAgent ? load.agentOf(conversationId) : load.visitorOf(conversationId);
      if (sender.pendingCount() >= MAX_PENDING) {
        continue;
      }
      issued.incrementAndGet();
      long sentAt = System.nanoTime();
      sender.send(conversationId, "message " + n).whenComplete((ack, error) -> {
        if (error != null) {
          failed.incrementAndGet();
        } else {
          acked.accept(System.nanoTime() - sentAt);
        }
      });
    }
  }

  /** Tells {@code listener} each acknowledged send's time from send to acknowledgement. */
  void onAcknowledged(LongConsumer listener) {
    this.acked = listener;
  }

  long issued() {
    return issued.get();
  }

  /** Sends whose future failed (a permanent error, or the client closed first). */
  long failed() {
    return failed.get();
  }

  void stop() throws InterruptedException {
    ticker.shutdown();
    ticker.awaitTermination(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
