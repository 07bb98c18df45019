package io.switchboard.server.conversation;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.routing.Assignment;
import io.switchboard.server.routing.RoutingService;
import io.switchboard.server.store.conversation.AssignedConversation;
import io.switchboard.server.store.conversation.CloseRequest;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationDao.Closed;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ConversationStatus;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.LogContext;
import io.switchboard.server.util.RequestBatcher;
import io.switchboard.server.util.SwitchboardException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The one owner of a conversation's state. Every transition (start, assign, accept, transfer,
 * requeue, prioritise, close) goes through here, in the same three steps: it is checked and
 * recorded in PostgreSQL, in one transaction with its event in the conversation's history; then
 * the routing state that goes with it follows; then it is published. Nothing else calls the DAO's
 * transitions. Who may ask is checked with {@link ConversationAccess} before.
 *
 * <p>Thread-safe.
 */
public final class ConversationStateMachine {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ConversationStateMachine.class);
  /** The most conversations one statement closes. */
  private static final int CLOSE_BATCH = 200;
  private final ConversationDao conversations;
  private final ConversationAccess access;
  private final StartTransition starts;
  private final TransferTransitions transfers;
  private final RoutingService routing;
  private final QueuePositions positions;
  private final TransitionEffects effects;
  private final BlockingExecutor store;
  private final RequestBatcher<CloseRequest, Closed> closes;

  ConversationStateMachine(ConversationParts parts, StartTransition starts,
      TransferTransitions transfers, QueuePositions positions, TransitionEffects effects) {
    this.conversations = parts.stores().conversations();
    this.access = parts.access();
    this.routing = parts.routing();
    this.store = parts.store();
    this.starts = starts;
    this.transfers = transfers;
    this.positions = positions;
    this.effects = effects;
    this.closes = new RequestBatcher<>(store, CLOSE_BATCH,
        RequestBatcher.orNone("closing conversations", conversations::closeAll));
  }

  /** Builds the state machine and its collaborators from the node's parts. */
  public static ConversationStateMachine create(ConversationParts parts) {
    TransitionEffects effects = new TransitionEffects(parts.routing(), parts.delivery(),
        parts.stores().contacts(), parts.stores().lookups(), parts.store(), parts.clock());
    QueuePositions positions = new QueuePositions(parts.routingStore(),
        parts.stores().conversations(), parts.store(), parts.delivery(), parts.clock());
    return new ConversationStateMachine(parts, new StartTransition(parts),
        new TransferTransitions(parts, effects), positions, effects);
  }

  /** What routing hands back: its choices to record, and the queue movements to announce. */
  QueuePositions positions() {
    return positions;
  }

  // ---- start -----------------------------------------------------------------------------

  /**
   * A visitor starts a conversation (or gets their open one back). {@code following} runs once
   * it is recorded and before anything is published about it, so the visitor's session hears its
   * first place in the queue.
   */
  public CompletableFuture<Conversation> start(Principal visitor, StartRequest request,
      Consumer<Conversation> following) {
    AccessPolicy.requireRole(visitor, Action.START);
    return starts.start(visitor, request).thenApply(conversation -> {
      LogContext.with(LogContext.CONVERSATION, conversation.id().toString(), LogContext.USER,
          visitor.id(), null, null, () -> LOG.info("conversation {} in queue {}",
              conversation.status().name().toLowerCase(java.util.Locale.ROOT),
              conversation.queueId()));
      following.accept(conversation);
      if (conversation.status() == ConversationStatus.QUEUED) {
        effects.queued(conversation);
      }
      return conversation;
    });
  }

  // ---- assignment --------------------------------------------------------------------------

  /**
   * Records the assignments routing chose, in one statement with their claim ids, and tells each
   * agent. Completes with the conversations PostgreSQL assigned; fails when the statement failed.
   */
  public CompletionStage<Set<UUID>> recordAssignments(List<Assignment> assignments) {
    Map<UUID, UUID> agents = new LinkedHashMap<>();
    Map<UUID, String> claims = new HashMap<>();
    for (Assignment a : assignments) {
      agents.put(a.conversationId(), a.agentId());
      claims.put(a.conversationId(), a.claimId());
    }
    return store.call(() -> conversations.assignAll(agents, claims)).thenApply(assigned -> {
      assigned.forEach(done -> effects.assigned(done.conversation(), done.contactName()));
      return assigned.stream().map(AssignedConversation::conversation).map(Conversation::id)
          .collect(Collectors.toSet());
    });
  }

  /**
   * After recording assignments failed (it may have committed): a conversation still queued goes
   * back to its place; one that PostgreSQL assigned to the chosen agent after all is announced.
   */
  public void recoverAssignments(List<Assignment> assignments) {
    for (Assignment assignment : assignments) {
      store.call(() -> conversations.find(assignment.conversationId()))
          .thenAccept(found -> found.ifPresent(conversation -> {
            if (conversation.status() == ConversationStatus.QUEUED) {
              effects.queued(conversation);
            } else if (conversation.status() == ConversationStatus.ASSIGNED
                && assignment.agentId().equals(conversation.agentId())) {
              effects.assigned(conversation);
            }
          }))
          .exceptionally(error -> null);
    }
  }

  /**
   * The assigned agent takes the conversation. {@code following} runs before the visitor is told
   * the agent joined, so the agent's own session follows it by then.
   */
  public CompletableFuture<Conversation> accept(Principal agent, UUID conversationId,
      Consumer<Conversation> following) {
    AccessPolicy.requireRole(agent, Action.ACCEPT);
    UUID agentId = UUID.fromString(agent.id());
    return store.call(() -> {
      if (conversations.accept(conversationId, agentId)) {
        return conversations.find(conversationId).orElseThrow();
      }
      Conversation current = conversations.find(conversationId).orElseThrow(() ->
          new SwitchboardException(ErrorCode.NOT_FOUND, "no such conversation"));
      if (current.status() == ConversationStatus.CLOSED) {
        throw new SwitchboardException(ErrorCode.CONVERSATION_CLOSED, "the conversation is closed");
      }
      throw new SwitchboardException(ErrorCode.CONFLICT, "the conversation is not assigned to you");
    }).thenApply(conversation -> {
      following.accept(conversation);
      effects.accepted(conversationId,
          new ServerMessage.Participant("agent", agent.id(), agent.name()));
      return conversation;
    });
  }

  /**
   * Moves a conversation to a queue ({@code toQueue}) or to an agent ({@code toAgentId}); exactly
   * one is given. See {@link TransferTransitions}.
   */
  public CompletableFuture<Conversation> transfer(Principal staff, UUID conversationId,
      String toAgentId, String toQueue, String note) {
    return transfers.transfer(staff, conversationId, toAgentId, toQueue, note);
  }

  /**
   * An assigned conversation goes back to its queue at its original place, because its agent was
   * lost or let the offer time out; exactly one node wins. An offer that timed out is not made to
   * the same agent again for a while. Blocking: for the monitors' own threads.
   *
   * @return the conversation as requeued, or empty when it is not assigned to that agent any more
   */
  public Optional<Requeued> requeue(UUID conversationId, UUID agentId, RequeueReason reason) {
    if (!store.call(() -> conversations.requeueFrom(conversationId, agentId, reason.wire()))
        .join()) {
      return Optional.empty();
    }
    Conversation queued = store.call(() -> conversations.find(conversationId)).join()
        .orElseThrow();
    long missed = reason == RequeueReason.ACCEPT_TIMEOUT ? routing.missedOffer(queued.queueId(),
        conversationId, agentId).toCompletableFuture().join() : 0;
    routing.release(agentId).toCompletableFuture().join();
    effects.unassigned(agentId, conversationId, reason.wire());
    effects.queued(queued).toCompletableFuture().join();
    if (reason.announced()) {
      effects.transferred(conversationId, queued.queueId(), null, null, false);
    }
    return Optional.of(new Requeued(queued, missed));
  }

  /**
   * A conversation back in its queue, and how many offers in a row its agent has missed (0 unless
   * the offer timed out).
   */
  public record Requeued(Conversation conversation, long missedOffers) {}

  /** A supervisor makes an open conversation more (or less) urgent: 0 is normal, 9 the most. */
  public CompletableFuture<Prioritized> prioritize(Principal staff, UUID conversationId,
      int priority) {
    AccessPolicy.requireRole(staff, Action.SET_PRIORITY);
    return store.call(() -> {
      access.find(staff, Action.SET_PRIORITY, conversationId);
      return conversations.setPriority(conversationId, priority, staff.id())
          .orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_FOUND,
              "no open conversation " + conversationId));
    })
        .thenCompose(conversation -> routing.reprioritize(conversation.queueId(),
                conversation.id(), priority, conversation.enqueuedAt()).toCompletableFuture()
            .thenApply(waiting -> {
              positions.publishAll(conversation.queueId());
              return new Prioritized(conversation, waiting);
            }));
  }

  /** A conversation with its new priority, and whether it is waiting in its queue. */
  public record Prioritized(Conversation conversation, boolean waiting) {}

  /**
   * Closes the conversation (once): the assignee, supervisors and admins, or the visitor. A
   * visitor's disposition and tags would be an agent's label; they are ignored. Closes that
   * arrive while one statement runs go into the next, together; one the batch left out (closed
   * already) or of a batch that failed is tried alone, which answers for it alone.
   */
  public CompletableFuture<Conversation> close(Principal closer, UUID conversationId,
      String disposition, List<String> tags) {
    String by = closer.isVisitor() ? "visitor" : "agent";
    CloseRequest request = closer.isVisitor()
        ? new CloseRequest(conversationId, by, null, List.of())
        : new CloseRequest(conversationId, by, disposition, tags);
    return store.call(() -> access.find(closer, Action.CLOSE, conversationId))
        .thenCompose(allowed -> closes.submit(request))
        .thenCompose(closed -> closed != null ? CompletableFuture.completedFuture(closed)
            : store.call(() -> conversations.closeFrom(conversationId, by,
                    request.disposition(), request.tags())
                .orElseThrow(() -> new SwitchboardException(
                    ErrorCode.CONVERSATION_CLOSED, "the conversation is closed"))))
        .thenApply(closed -> {
          effects.closed(closed, by);
          LogContext.with(LogContext.CONVERSATION, conversationId.toString(), LogContext.USER,
              closer.id(), null, null, () -> LOG.info("conversation closed by the {}", by));
          return closed.conversation();
        });
  }
}
