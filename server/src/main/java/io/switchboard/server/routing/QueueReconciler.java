package io.switchboard.server.routing;

import io.switchboard.server.store.Stores;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.QueuedEntry;
import io.switchboard.server.store.queue.QueueDao;
import io.switchboard.server.store.queue.QueueInfo;
import io.switchboard.server.store.queue.QueueScheduleDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.CycleCount;
import io.switchboard.server.util.Periodic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Redis's live routing state true to PostgreSQL. Every few seconds it checks the Redis epoch:
 * when Redis lost its data (the epoch changed), it rebuilds the waiting lists, in original enqueue
 * order, and the agents' loads from PostgreSQL. Every cycle it also re-enqueues any conversation
 * that PostgreSQL says is queued but Redis does not have waiting, so a conversation whose
 * enqueue failed while Redis was down is never stranded, and lets each queue drain. To find them
 * it compares each queue's count first and reads the conversations only when a count differs (or
 * every {@link #FULL_CHECK_EVERY} cycles): with 19,000 visitors waiting, reading them all every
 * cycle was a tenth of an idle node's work. Queues'
 * routing rules (skills and languages) are not copied here: the assignment script refuses to run
 * without them and {@link RoutingService} then restores them from PostgreSQL, so they can never be
 * missing while a conversation is assigned.
 *
 * <p>Thread-safe: runs on its own single thread; {@link #cycleCount} may be read from any thread.
 */
public final class QueueReconciler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueueReconciler.class);
  /** Re-enqueues in flight at once: well below Lettuce's request queue limit. */
  private static final int ENQUEUE_BATCH = 1_000;
  /** Every this many cycles the conversations are compared even when the counts agree. */
  static final int FULL_CHECK_EVERY = 15;

  private final RoutingStore routing;
  private final RoutingService routingService;
  private final ConversationDao conversations;
  private final BlockingExecutor store;
  private final QueueScheduleDao schedules;
  private final ClaimJournal claims;
  private final QueueDao queues;
  private volatile Periodic task;
  private volatile String knownEpoch;
  private final AtomicLong cycles = new AtomicLong();
  private final CycleCount cycleCount = new CycleCount();

  public QueueReconciler(RoutingStore routing, RoutingService routingService,
      ClaimJournal claims, Stores stores, BlockingExecutor store) {
    this.routing = routing;
    this.routingService = routingService;
    this.claims = claims;
    this.conversations = stores.conversations();
    this.schedules = stores.schedules();
    this.queues = stores.queues();
    this.store = store;
  }

  public void start(Duration period) {
    task = Periodic.start("reconciler", Duration.ZERO, period,
        () -> cycleCount.runAsync(this::cycle));
  }

  /**
   * The cycles run so far. A cycle counts as finished once the assignment runs it started have
   * ended (a run merged into one already going for the same queue ends at once).
   */
  public CycleCount cycleCount() {
    return cycleCount;
  }

  /**
   * One pass; blocking is fine here, this thread is the reconciler's own. Completes when the
   * assignment runs it started have ended.
   */
  CompletionStage<Void> cycle() {
    String epoch = routing.currentEpoch().toCompletableFuture().join();
    // Pauses and strategies live in PostgreSQL; Redis holds a copy the assignment script reads.
    for (String paused : store.call(schedules::pausedQueues).join()) {
      routing.setPaused(paused, true).toCompletableFuture().join();
    }
    for (String roundRobin : store.call(schedules::roundRobinQueues).join()) {
      routing.setRoundRobin(roundRobin, true).toCompletableFuture().join();
    }
    boolean rebuild = !epoch.equals(knownEpoch);
    if (!rebuild) {
      settleStaleClaims();
    }
    Map<String, Long> counts = store.call(conversations::queuedCounts).join();
    if (!rebuild && cycles.getAndIncrement() % FULL_CHECK_EVERY != 0 && countsAgree(counts)) {
      return routingService.drainInOrder(List.copyOf(counts.keySet()));
    }
    List<QueuedEntry> entries = store.call(conversations::queuedEntries).join();
    if (rebuild) {
      Map<UUID, Integer> loads = store.call(conversations::assignedCounts).join();
      routing.rebuild(entries, loads).toCompletableFuture().join();
      if (knownEpoch != null) {
        LOG.warn("Redis lost its data (epoch {} -> {}); rebuilt {} waiting conversations and {}"
            + " agent loads from PostgreSQL", knownEpoch, epoch, entries.size(), loads.size());
      }
      knownEpoch = epoch;
    } else {
      enqueueMissing(entries);
    }
    // Queues with someone waiting, highest queue priority first.
    return routingService.drainInOrder(
        entries.stream().map(QueuedEntry::queueId).distinct().toList());
  }

  /**
   * Settles every claim of the routing journal that stayed unsettled past the claim timeout (its
   * node never learned the outcome): an agent's capacity taken for an assignment PostgreSQL never
   * recorded is given back here. The drain at the end of the cycle then uses it.
   */
  private void settleStaleClaims() {
    for (String queueId : store.call(() -> queues.all().stream().map(QueueInfo::id).toList())
        .join()) {
      claims.checkStale(queueId).toCompletableFuture().join();
    }
  }

  /** Whether Redis has as many conversations waiting in each queue as PostgreSQL. */
  private boolean countsAgree(Map<String, Long> counts) {
    for (Map.Entry<String, Long> queue : counts.entrySet()) {
      Long inRedis = routing.waitingCount(queue.getKey()).toCompletableFuture().join();
      if (!queue.getValue().equals(inRedis)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Puts back the queued conversations Redis does not have waiting. Each queue's waiting list is
   * read once and only the missing ones are written: with thousands waiting, writing every one
   * every period kept this thread and Redis busy while nothing moved. A conversation being
   * assigned right now is not missing: it is in the claim journal. PostgreSQL's list was read
   * before Redis, so the ones that look missing are read from PostgreSQL again: one assigned
   * meanwhile is no longer queued there, and putting it back would leave a ghost in the waiting
   * list, ahead of every visitor behind it.
   */
  private void enqueueMissing(List<QueuedEntry> entries) {
    Map<String, List<QueuedEntry>> byQueue = new LinkedHashMap<>();
    entries.forEach(e -> byQueue.computeIfAbsent(e.queueId(), q -> new ArrayList<>()).add(e));
    List<QueuedEntry> candidates = new ArrayList<>();
    for (Map.Entry<String, List<QueuedEntry>> queue : byQueue.entrySet()) {
      Set<UUID> present = new HashSet<>(routing.waiting(queue.getKey(), Integer.MAX_VALUE)
          .toCompletableFuture().join());
      routing.claims(queue.getKey(), Instant.ofEpochMilli(Long.MAX_VALUE)).toCompletableFuture().join().stream()
          .filter(claim -> !claim.released()).map(Claim::conversationId).forEach(present::add);
      queue.getValue().stream().filter(e -> !present.contains(e.conversationId()))
          .forEach(candidates::add);
    }
    if (candidates.isEmpty()) {
      return;
    }
    Set<UUID> stillQueued = store.call(() -> conversations.stillQueued(
        candidates.stream().map(QueuedEntry::conversationId).toList())).join();
    List<QueuedEntry> missing = candidates.stream()
        .filter(e -> stillQueued.contains(e.conversationId())).toList();
    // Pipelined in batches rather than one round trip per conversation.
    for (int from = 0; from < missing.size(); from += ENQUEUE_BATCH) {
      CompletableFuture<?>[] batch = missing.subList(from,
              Math.min(missing.size(), from + ENQUEUE_BATCH)).stream()
          .map(e -> routing.enqueue(e.queueId(), e.conversationId(), e.priority(), e.enqueuedAt(),
                  e.language())
              .toCompletableFuture())
          .toArray(CompletableFuture[]::new);
      CompletableFuture.allOf(batch).join();
    }
  }

  @Override
  public void close() {
    if (task != null) {
      task.close();
    }
  }
}
