package io.switchboard.server.conversation;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.delivery.DeliveryService;
import io.switchboard.server.routing.RoutingStore;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.TtlCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells waiting visitors their place in the queue and the estimated wait: a new arrival its own
 * place at once; everyone in the queue when it moved (at most every {@link #POSITION_INTERVAL}),
 * and every {@link #ESTIMATE_REFRESH} for the estimates. The estimate comes from the queue's
 * online capacity (counted at most once a second) and its measured handle time.
 *
 * <p>Thread-safe.
 */
final class QueuePositions {
  /** Until enough handle times are measured, the estimate assumes this average. */
  static final int DEFAULT_HANDLE_SECONDS = 300;
  /** Closed conversations needed before the measured average replaces the default. */
  static final int MIN_HANDLE_SAMPLES = 5;
  /** Visitors further back than this are told their position when they move up into it. */
  private static final int POSITION_LIMIT = 1000;
  /**
   * How often, at most, a queue's positions go to all its waiting visitors. Under a backlog every
   * assignment run moved the queue up, and telling up to a thousand visitors each time cost more
   * than the routing itself.
   */
  private static final Duration POSITION_INTERVAL = Duration.ofSeconds(1);
  /** How often, at most, a queue where nothing moved has its estimates published again. */
  private static final Duration ESTIMATE_REFRESH = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(QueuePositions.class);

  private final RoutingStore routing;
  private final ConversationDao conversations;
  private final BlockingExecutor store;
  private final DeliveryService delivery;
  private final Clock clock;
  private final ConcurrentHashMap<String, HandleTimeCache> handleTimes = new ConcurrentHashMap<>();
  /**
   * Each queue's chat slots among its online agents, for estimates only: one Redis GET of the
   * sum the routing scripts keep, shared by the arrivals of the same second.
   */
  private final TtlCache<String, CompletableFuture<Long>> capacities;
  /** When each queue's positions and estimates were last published to all its visitors. */
  private final ConcurrentHashMap<String, Instant> lastPublished = new ConcurrentHashMap<>();
  /** Queues with a publication of positions scheduled for the end of the interval. */
  private final ConcurrentHashMap<String, AtomicBoolean> positionsScheduled =
      new ConcurrentHashMap<>();

  /** A queue's average handle time in seconds, and when it was measured. */
  private record HandleTimeCache(int seconds, Instant at) {}

  QueuePositions(RoutingStore routing, ConversationDao conversations, BlockingExecutor store,
      DeliveryService delivery, Clock clock) {
    this.routing = routing;
    this.conversations = conversations;
    this.store = store;
    this.delivery = delivery;
    this.clock = clock;
    this.capacities = new TtlCache<>(Duration.ofSeconds(1), 10_000, clock);
  }

  /**
   * An assignment run of the queue ended. Everyone behind moved up only when someone was
   * assigned; otherwise the positions stand, and only the estimates are refreshed now and then. A
   * run that assigned nothing must not tell every waiting visitor again: with thousands waiting
   * and visitors arriving, that made each arrival cost a thousand events.
   */
  void ran(String queueId, int assigned, boolean failed) {
    if (failed || assigned > 0 || estimatesDue(queueId)) {
      publishAllSoon(queueId);
    }
  }

  /** Whether the queue's estimates were last published more than {@link #ESTIMATE_REFRESH} ago. */
  private boolean estimatesDue(String queueId) {
    Instant last = lastPublished.get(queueId);
    return last == null || last.plus(ESTIMATE_REFRESH).isBefore(clock.instant());
  }

  /**
   * {@link #publishAll} now, or, when they went out less than {@link #POSITION_INTERVAL}
   * ago, once at the end of the interval (however many times this is called meanwhile).
   */
  void publishAllSoon(String queueId) {
    Instant now = clock.instant();
    Instant last = lastPublished.get(queueId);
    if (last == null || !last.plus(POSITION_INTERVAL).isAfter(now)) {
      publishAll(queueId);
      return;
    }
    AtomicBoolean scheduled = positionsScheduled.computeIfAbsent(queueId, q -> new AtomicBoolean());
    if (scheduled.compareAndSet(false, true)) {
      long delay = Math.min(POSITION_INTERVAL.toMillis(),
          Math.max(1, Duration.between(now, last.plus(POSITION_INTERVAL)).toMillis()));
      CompletableFuture.runAsync(() -> {
        scheduled.set(false);
        publishAll(queueId);
      }, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
    }
  }

  /** Tells one waiting visitor, just enqueued, their position and estimated wait. */
  void publishOne(String queueId, UUID conversationId) {
    int handleSeconds = handleSeconds(queueId);
    routing.position(queueId, conversationId)
        .thenCombine(onlineCapacity(queueId), (rank, capacity) -> {
          if (rank != null && rank >= 0) {
            int position = (int) Math.min(Integer.MAX_VALUE, rank + 1);
            delivery.publishEvent(conversationId, new ServerMessage.QueuePosition(
                conversationId.toString(), position,
                estimateSeconds(position, capacity, handleSeconds)), "staff");
          }
          return null;
        }).exceptionally(error -> {
          LOG.debug("queue position of {} not published: {}", conversationId, error.toString());
          return null;
        });
  }

  /** The queue's online capacity as counted at most a second ago. */
  private CompletableFuture<Long> onlineCapacity(String queueId) {
    return capacities.get(queueId, q -> routing.onlineCapacity(q).toCompletableFuture());
  }

  /** Tells every waiting visitor in the queue their position and estimated wait. */
  void publishAll(String queueId) {
    lastPublished.put(queueId, clock.instant());
    int handleSeconds = handleSeconds(queueId);
    routing.waiting(queueId, POSITION_LIMIT)
        .thenCombine(onlineCapacity(queueId), (waiting, capacity) -> {
          for (int i = 0; i < waiting.size(); i++) {
            int position = i + 1;
            delivery.publishEvent(waiting.get(i), new ServerMessage.QueuePosition(
                waiting.get(i).toString(), position,
                estimateSeconds(position, capacity, handleSeconds)), "staff");
          }
          return null;
        }).exceptionally(error -> {
          LOG.debug("queue positions for {} not published: {}", queueId, error.toString());
          return null;
        });
  }

  /**
   * The queue's average handle time in seconds: measured on its recent closed conversations
   * (refreshed at most every 30 s), or {@link #DEFAULT_HANDLE_SECONDS} until at least
   * {@link #MIN_HANDLE_SAMPLES} have been measured.
   */
  int handleSeconds(String queueId) {
    HandleTimeCache cached = handleTimes.get(queueId);
    Instant now = clock.instant();
    if (cached == null || cached.at().isBefore(now.minusSeconds(30))) {
      handleTimes.put(queueId, new HandleTimeCache(
          cached == null ? DEFAULT_HANDLE_SECONDS : cached.seconds(), now));
      store.call(() -> conversations.recentHandleTime(queueId)).thenAccept(measured ->
          handleTimes.put(queueId, new HandleTimeCache(measured.samples() >= MIN_HANDLE_SAMPLES
              ? (int) Math.max(1, Math.round(measured.averageSeconds())) : DEFAULT_HANDLE_SECONDS,
              clock.instant())));
    }
    return cached == null ? DEFAULT_HANDLE_SECONDS : cached.seconds();
  }

  /**
   * Estimated wait: with {@code capacity} chat slots among the queue's online agents, each freed
   * after {@code handleSeconds} on average, the visitor at {@code position} waits about
   * ceil(position / capacity) × handleSeconds. Unknown (-1) when nobody is online.
   */
  static int estimateSeconds(int position, long capacity, int handleSeconds) {
    if (capacity <= 0) {
      return -1;
    }
    long rounds = (position + capacity - 1) / capacity;
    return (int) Math.min(Integer.MAX_VALUE, rounds * handleSeconds);
  }
}
