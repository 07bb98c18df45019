package io.switchboard.server.routing;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.delivery.DeliveryService;
import io.switchboard.server.store.contact.Contact;
import io.switchboard.server.store.contact.ContactDao;
import io.switchboard.server.store.conversation.AssignedConversation;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ConversationStatus;
import io.switchboard.server.store.rules.RoutingRulesDao;
import io.switchboard.server.store.rules.SkillProfile;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.Futures;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves conversations from queues to agents. Redis (one Lua script) chooses who gets which
 * conversation; PostgreSQL checks and records the transition. If PostgreSQL refuses (the
 * conversation was closed meanwhile) or fails, the agent's capacity is given back and the
 * conversation goes back to its place in the queue. Assignment runs when a conversation arrives,
 * an agent comes online, or a chat closes; runs for one queue are coalesced on this node. When
 * Redis has no routing rules for the queue (it lost its data, or the queue is new to it), this
 * node writes them from PostgreSQL, unless another node did first, and runs again.
 *
 * <p>Thread-safe.
 */
public final class RoutingService {
  private static final int BATCH = 64;
  private static final Logger LOG = LoggerFactory.getLogger(RoutingService.class);

  private final RoutingStore routing;
  private final ConversationDao conversations;
  private final ContactDao contacts;
  private final RoutingRulesDao rules;
  private final BlockingExecutor store;
  private final DeliveryService delivery;
  private final Clock clock;
  private final ConcurrentHashMap<String, QueueRun> runs = new ConcurrentHashMap<>();
  private final QueuePositions positions;
  private final ClaimJournal claims;

  /** Coalescing state of one queue's assignment runs on this node. */
  private record QueueRun(AtomicBoolean busy, AtomicBoolean again) {
    QueueRun() {
      this(new AtomicBoolean(), new AtomicBoolean());
    }
  }

  public RoutingService(RoutingStore routing, ConversationDao conversations, ContactDao contacts,
      RoutingRulesDao rules, BlockingExecutor store, DeliveryService delivery, Clock clock,
      ClaimJournal claims) {
    this.claims = claims;
    this.rules = rules;
    this.routing = routing;
    this.conversations = conversations;
    this.contacts = contacts;
    this.store = store;
    this.delivery = delivery;
    this.clock = clock;
    this.positions = new QueuePositions(routing, conversations, store, delivery, clock);
  }

  /** Puts a queued conversation in its queue's waiting list and tries to assign it. */
  public CompletionStage<Void> enqueue(Conversation conversation) {
    return routing.enqueue(conversation.queueId(), conversation.id(), conversation.priority(),
            conversation.enqueuedAt(), conversation.language())
        .thenRun(() -> {
          positions.publishOne(conversation.queueId(), conversation.id());
          assignLater(conversation.queueId());
        });
  }

  /** A conversation left its queue before being assigned (closed while waiting). */
  public void leftQueue(String queueId, UUID conversationId) {
    routing.remove(queueId, conversationId)
        .whenComplete((removed, error) -> positions.publishAllSoon(queueId));
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
          // Everyone behind moved up only when someone was assigned; otherwise the positions
          // stand, and only the estimates are refreshed now and then. A run that assigned
          // nothing must not tell every waiting visitor again: with thousands waiting and
          // visitors arriving, that made each arrival cost a thousand events.
          if (error != null || (count != null && count > 0) || positions.estimatesDue(queueId)) {
            positions.publishAllSoon(queueId);
          }
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
   * Records the assignments Redis chose in PostgreSQL, in one statement, each with its claim id,
   * then settles the claims: an assignment PostgreSQL refused (the conversation was closed or taken
   * meanwhile) gives the agent's capacity back. When the statement failed, whether it committed is
   * unknown: the claims are checked against PostgreSQL ({@link ClaimJournal}), which gives back the
   * capacity of those it did not record, and the conversations still queued go back to their
   * places. Claims that cannot be settled now stay in the journal for the reconciler.
   */
  private CompletionStage<Void> record(List<Assignment> assignments) {
    if (assignments.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    String queueId = assignments.get(0).queueId();
    Map<UUID, UUID> agentByConversation = new LinkedHashMap<>();
    Map<UUID, String> claimByConversation = new HashMap<>();
    for (Assignment a : assignments) {
      agentByConversation.put(a.conversationId(), a.agentId());
      claimByConversation.put(a.conversationId(), a.claimId());
    }
    return store.call(() -> conversations.assignAll(agentByConversation, claimByConversation))
        .handle((assigned, error) -> {
          if (error != null) {
            List<Claim> unsettled = assignments.stream().map(a -> new Claim(a.claimId(), queueId,
                a.conversationId(), a.agentId(), false, clock.instant())).toList();
            claims.verify(queueId, unsettled, clock.instant())
                .handle((changed, failure) -> ClaimJournal.logFailure(queueId, failure))
                .thenRun(() -> assignments.forEach(this::requeueAfterFailure));
            return null;
          }
          Set<UUID> recorded = new HashSet<>();
          for (AssignedConversation done : assigned) {
            recorded.add(done.conversation().id());
            notifyAssigned(done.conversation(), done.contactName());
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

  /**
   * After a batch whose statement failed: a conversation still queued goes back to its place; one
   * that PostgreSQL assigned to the chosen agent after all (the statement committed) is announced.
   */
  private void requeueAfterFailure(Assignment assignment) {
    store.call(() -> conversations.find(assignment.conversationId()))
        .thenAccept(found -> found.ifPresent(conversation -> {
          if (conversation.status() == ConversationStatus.QUEUED) {
            enqueue(conversation);
          } else if (conversation.status() == ConversationStatus.ASSIGNED
              && assignment.agentId().equals(conversation.agentId())) {
            notifyAssigned(conversation);
          }
        }))
        .exceptionally(error -> {
          LOG.warn("conversation {} waits for the reconciler: {}", assignment.conversationId(),
              error.toString());
          return null;
        });
  }

  /** Tells the conversation's agent, on whichever node they are, that it is theirs. */
  public void notifyAssigned(Conversation conversation) {
    store.call(() -> contacts.find(conversation.contactId())).whenComplete((contact, error) ->
        notifyAssigned(conversation,
            contact == null ? null : contact.map(Contact::name).orElse(null)));
  }

  private void notifyAssigned(Conversation conversation, String contactName) {
    ServerMessage.Assigned event = new ServerMessage.Assigned(
        conversation.id().toString(), conversation.queueId(),
        new ServerMessage.Participant("visitor", conversation.contactId().toString(), contactName),
        conversation.fields(), conversation.lastSeq(), clock.instant());
    delivery.publishToUser(conversation.agentId().toString(), event);
  }

  /** Tells every waiting visitor in the queue their position and estimated wait. */
  public void publishPositions(String queueId) {
    positions.publishAll(queueId);
  }
}
