package io.switchboard.server.delivery;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.server.bus.MessageBus;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.util.Periodic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes delivery envelopes on the bus, and publishes again the messages that failed to go
 * out. When the publish of a conversation's message fails (Redis restarting, a Redis Cluster
 * master failing over), the newest such message of each conversation is published again every
 * {@link #RETRY} until it goes out or {@link #GIVE_UP} has passed. The newest is enough: a node
 * that receives seq N backfills everything before it from PostgreSQL (I4). Without this, the last
 * message a conversation got during an outage reached its followers on other nodes only with the
 * conversation's next message.
 *
 * <p>Thread-safe: the failed messages are a concurrent map, retried from one thread.
 */
final class BusPublisher implements AutoCloseable {
  /** How often failed publishes are tried again. */
  static final Duration RETRY = Duration.ofSeconds(1);
  /** How long a failed message is tried again before it is left to the next message. */
  static final Duration GIVE_UP = Duration.ofMinutes(5);
  private static final Logger LOG = LoggerFactory.getLogger(BusPublisher.class);

  private final MessageBus bus;
  private final Clock clock;
  private final Map<UUID, Failed> failed = new ConcurrentHashMap<>();
  private final LongAdder republished = new LongAdder();
  /** Retries sent and not answered yet: a round starts only when the last one is answered. */
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Periodic retries;

  /** The newest message of a conversation not published yet, failing since {@code since}. */
  private record Failed(long seq, String envelope, Instant since) {}

  /** Starts the retries; counts them in {@code metrics} ({@code switchboard_bus_*}). */
  BusPublisher(MessageBus bus, Clock clock, MeterRegistry metrics) {
    this.bus = bus;
    this.clock = clock;
    FunctionCounter.builder("switchboard.bus.republished", republished, LongAdder::sum)
        .description("chat messages published to the other nodes on a later try").register(metrics);
    Gauge.builder("switchboard.bus.unpublished", failed, Map::size)
        .description("conversations whose newest message waits to be published again")
        .register(metrics);
    this.retries = Periodic.start("bus-republish", RETRY, RETRY, this::retry);
  }

  /** Publishes the envelope of message {@code seq}; remembers it when the publish fails. */
  void message(UUID conversationId, long seq, String envelope) {
    bus.publish(RedisKeys.conversationChannel(conversationId), envelope)
        .whenComplete((receivers, error) -> {
          if (error != null) {
            remember(conversationId, seq, envelope);
          }
        });
  }

  /** Publishes an envelope that is a hint only (events, sign-outs): nothing is tried again. */
  void hint(String channel, String envelope) {
    bus.publish(channel, envelope);
  }

  private void remember(UUID conversationId, long seq, String envelope) {
    if (failed.isEmpty()) {
      LOG.warn("publishing a message to the other nodes failed; the newest failed message of"
          + " each conversation is published again every {} s", RETRY.toSeconds());
    }
    Failed now = new Failed(seq, envelope, clock.instant());
    failed.merge(conversationId, now, (old, latest) -> old.seq() >= latest.seq() ? old
        : new Failed(latest.seq(), latest.envelope(), old.since()));
  }

  /**
   * Publishes every remembered message again; those published are forgotten. While a round is
   * unanswered (a Redis Cluster client queues commands for a master that is failing over) no new
   * one starts, so retries never pile up in the client's request queue.
   */
  void retry() {
    if (inFlight.get() > 0) {
      return;
    }
    Instant now = clock.instant();
    for (Map.Entry<UUID, Failed> entry : failed.entrySet()) {
      UUID conversationId = entry.getKey();
      Failed message = entry.getValue();
      if (message.since().plus(GIVE_UP).isBefore(now)) {
        if (failed.remove(conversationId, message)) {
          LOG.warn("message {} of {} could not be published for {}; other nodes get it with the"
              + " conversation's next message", message.seq(), conversationId, GIVE_UP);
        }
        continue;
      }
      inFlight.incrementAndGet();
      bus.publish(RedisKeys.conversationChannel(conversationId), message.envelope())
          .whenComplete((receivers, error) -> {
            inFlight.decrementAndGet();
            if (error == null && failed.remove(conversationId, message)) {
              republished.increment();
              if (failed.isEmpty()) {
                LOG.info("every failed message is published again ({} so far)", republished);
              }
            }
          });
    }
  }

  /** How many conversations have a message waiting to be published again. */
  int waiting() {
    return failed.size();
  }

  /** How many messages went out on a later try. */
  long republished() {
    return republished.sum();
  }

  @Override
  public void close() {
    retries.close();
  }
}
