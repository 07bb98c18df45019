package io.switchboard.server.routing;

import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.rules.RoutingRulesDao;
import io.switchboard.server.store.rules.SkillProfile;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.Futures;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves conversations from queues to agents. Redis (one Lua script) chooses who gets which
 * conversation and journals each choice as a claim; the {@link RoutingListener} (the owner of
 * conversation state) records the choices in PostgreSQL, and the claims are settled with its
 * answer. A choice PostgreSQL refuses (the conversation was closed meanwhile) gives the agent's
 * capacity back; when the statement failed, the claims are checked against PostgreSQL
 * ({@link ClaimJournal}). Assignment runs when a conversation arrives, an agent comes online, or a
 * chat closes; runs for one queue are coalesced on this node. When Redis has no routing rules for
 * the queue (it lost its data, or the queue is new to it), this node writes them from PostgreSQL,
 * unless another node did first, and runs again. Routing chooses; it never tells clients anything.
 *
 * <p>Thread-safe. {@link #listen} is called once, at start, before any routing.
 */
public final class RoutingService {
  private static final int BATCH = 64;
  private static final Logger LOG = LoggerFactory.getLogger(RoutingService.class);

  private final RoutingStore routing;
  private final RoutingRulesDao rules;
  private final BlockingExecutor store;
  private final Clock clock;
  private final ClaimJournal claims;
  private final ConcurrentHashMap<String, QueueRun> runs = new ConcurrentHashMap<>();
  private volatile RoutingListener listener;

  /** Coalescing state of one queue's assignment runs on this node. */
  private record QueueRun(AtomicBoolean busy, AtomicBoolean again) {
    QueueRun() {
      this(new AtomicBoolean(), new AtomicBoolean());
    }
  }

  public RoutingService(RoutingStore routing, RoutingRulesDao rules, BlockingExecutor store,
      Clock clock, ClaimJournal claims) {
    this.routing = routing;
    this.rules = rules;
    this.store = store;
    this.clock = clock;
    this.claims = claims;
  }

  /** Sets who records the choices; once, at start. */
  public void listen(RoutingListener listener) {
    this.listener = listener;
  }

  /** Puts a queued conversation in its queue's waiting list and tries to assign it. */
  public CompletionStage<Void> enqueue(Conversation conversation) {
    return routing.enqueue(conversation.queueId(), conversation.id(), conversation.priority(),
            conversation.enqueuedAt(), conversation.language())
        .thenRun(() -> {
          listener.enqueued(conversation.queueId(), conversation.id());
          assignLater(conversation.queueId());
        });
  }

  /** A conversation left its queue before being assigned (closed while waiting). */
  public void leftQueue(String queueId, UUID conversationId) {
    routing.remove(queueId, conversationId)
        .whenComplete((removed, error) -> listener.left(queueId));
  }

  /** The agent accepted an offer: their run of missed offers ends. */
  public void accepted(UUID agentId) {
    routing.clearMisses(agentId);
  }

  /** An agent's chat ended: give the capacity back and let each of their queues drain. */
  public void released(UUID agentId, List<String> agentQueues) {
    routing.release(agentId).whenComplete((load, error) -> {
      if (error != null) {
        LOG.warn("releasing capacity of agent {} failed: {}", agentId, error.toString());
      }
      drainInOrder(agentQueues);
    });
  }

  /**
   * Runs the assignment of each queue in turn, the next one only once the previous run ended.
   * An agent's queues come highest queue priority first, so the slot that just freed (or the
   * agent who just came online) goes to the most important queue that has someone waiting.
   */
  public CompletionStage<Void> drainInOrder(List<String> queueIds) {
    CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
    for (String queueId : queueIds) {
      chain = chain.handle((ignored, error) -> null).thenCompose(ignored -> assign(queueId));
    }
    return chain;
  }

  /** Runs the assignment script for a queue; a run requested while one is going runs after it. */
  public void assignLater(String queueId) {
    assign(queueId);
  }

  /**
   * As {@link #assignLater}; completes when this run ended, or at once when a run was already
   * going (it runs again after itself).
   */
  private CompletionStage<Void> assign(String queueId) {
    QueueRun run = runs.computeIfAbsent(queueId, q -> new QueueRun());
    if (!run.busy().compareAndSet(false, true)) {
      run.again().set(true);
      return CompletableFuture.completedFuture(null);
    }
    run.again().set(false);
    return routing.assign(queueId, BATCH)
        .thenCompose(assignments -> record(assignments).thenApply(ignored -> assignments.size()))
        .whenComplete((count, error) -> {
          run.busy().set(false);
          if (Futures.unwrap(error) instanceof QueueRulesMissingException) {
            restoreRules(queueId);
            return;
          }
          if (error != null) {
            LOG.warn("assignment in queue {} failed: {}", queueId, error.toString());
          }
          listener.ran(queueId, count == null ? 0 : count, error != null);
          if (run.again().get() || (count != null && count == BATCH)) {
            assignLater(queueId);
          }
        })
        .handle((count, error) -> null);
  }

  /**
   * Copies the queue's rules from PostgreSQL into Redis (unless another node wrote them
   * meanwhile), then runs the queue's assignment again.
   */
  private void restoreRules(String queueId) {
    store.call(() -> rules.queueRules(queueId).orElse(SkillProfile.NONE))
        .thenCompose(found -> routing.setRules(queueId, found, false))
        .whenComplete((written, error) -> {
          if (error != null) {
            LOG.warn("routing rules of queue {} not restored (the reconciler retries): {}",
                queueId, error.toString());
            return;
          }
          assignLater(queueId);
        });
  }

  /**
   * Has the listener record the assignments Redis chose, then settles their claims: recorded, or
   * refused (the agent's capacity back). When recording failed, whether it committed is unknown:
   * the claims are checked against PostgreSQL, which gives back the capacity of those it did not
   * record, and the listener puts the conversations still waiting back in their queues. Claims
   * that cannot be settled now stay in the journal for the reconciler.
   */
  private CompletionStage<Void> record(List<Assignment> assignments) {
    if (assignments.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    String queueId = assignments.get(0).queueId();
    return listener.record(assignments).handle((recorded, error) -> {
      if (error != null) {
        List<Claim> unsettled = assignments.stream().map(a -> new Claim(a.claimId(), queueId,
            a.conversationId(), a.agentId(), false, clock.instant())).toList();
        claims.verify(queueId, unsettled, clock.instant())
            .handle((changed, failure) -> ClaimJournal.logFailure(queueId, failure))
            .thenRun(() -> listener.outcomeUnknown(assignments));
        return null;
      }
      Map<String, Claim.Outcome> outcomes = new LinkedHashMap<>();
      for (Assignment assignment : assignments) {
        outcomes.put(assignment.claimId(), recorded.contains(assignment.conversationId())
            ? Claim.Outcome.RECORDED : Claim.Outcome.REFUSED);
      }
      claims.settle(queueId, outcomes)
          .handle((changed, failure) -> ClaimJournal.logFailure(queueId, failure));
      return null;
    });
  }

  // ---- what the owner of conversation state asks of routing --------------------------------

  /**
   * Takes one unit of the agent's capacity for a conversation of the queue, if they are online
   * with room (a transfer or direct assignment), journaled as a claim.
   *
   * @return completes with the claim id; empty when the agent is offline, away or full
   */
  public CompletionStage<java.util.Optional<String>> claim(UUID agentId, String queueId,
      UUID conversationId) {
    return routing.claim(agentId, queueId, conversationId);
  }

  /** Settles a claim once its statement answered (or failed); see {@link ClaimJournal}. */
  public void settle(String queueId, String claimId, UUID conversationId, UUID agentId,
      boolean recorded, Throwable error) {
    claims.settleAfter(queueId, claimId, conversationId, agentId, recorded, error);
  }

  /** Gives back one unit of the agent's capacity (a conversation they held was requeued). */
  public CompletionStage<Integer> release(UUID agentId) {
    return routing.release(agentId);
  }

  /**
   * The agent let the offer of this conversation time out: it is not offered to them again for a
   * while. Completes with how many offers in a row they missed.
   */
  public CompletionStage<Long> missedOffer(String queueId, UUID conversationId, UUID agentId) {
    return routing.missedOffer(queueId, conversationId, agentId, java.time.Duration.ofMinutes(10));
  }

  /** A waiting conversation's new priority; false when it is not waiting in the queue. */
  public CompletionStage<Boolean> reprioritize(String queueId, UUID conversationId, int priority,
      java.time.Instant enqueuedAt) {
    return routing.reprioritize(queueId, conversationId, priority, enqueuedAt);
  }
}
