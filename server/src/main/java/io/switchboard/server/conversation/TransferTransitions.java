package io.switchboard.server.conversation;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.routing.Eligibility;
import io.switchboard.server.routing.RoutingService;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ConversationStatus;
import io.switchboard.server.store.queue.QueueDao;
import io.switchboard.server.store.rules.AgentRouting;
import io.switchboard.server.store.rules.RoutingRulesDao;
import io.switchboard.server.store.rules.SkillProfile;
import io.switchboard.server.store.user.User;
import io.switchboard.server.store.user.UserDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Transfers, for {@link ConversationStateMachine}: an open conversation moves to a queue or to a
 * chosen agent. The assignee, supervisors and admins move an assigned conversation; only
 * supervisors and admins move a waiting one (to an agent, that assigns it directly). A move to an
 * agent first checks that the agent is eligible for the conversation's queue (membership, skills,
 * language), then claims one unit of their capacity in Redis (online, not full), then moves the
 * conversation in PostgreSQL with the claim's id; the claim is settled with the answer, so a move
 * PostgreSQL refuses gives the capacity back.
 *
 * <p>Thread-safe.
 */
final class TransferTransitions {
  private final ConversationDao conversations;
  private final ConversationAccess access;
  private final UserDao users;
  private final QueueDao queues;
  private final RoutingRulesDao rules;
  private final RoutingService routing;
  private final TransitionEffects effects;
  private final BlockingExecutor store;

  TransferTransitions(ConversationParts parts, TransitionEffects effects) {
    this.conversations = parts.stores().conversations();
    this.access = parts.access();
    this.users = parts.stores().users();
    this.queues = parts.stores().queues();
    this.rules = parts.stores().rules();
    this.routing = parts.routing();
    this.store = parts.store();
    this.effects = effects;
  }

  /** Moves the conversation to {@code toQueue} or to {@code toAgentId}; exactly one is given. */
  CompletableFuture<Conversation> transfer(Principal staff, UUID conversationId,
      String toAgentId, String toQueue, String note) {
    AccessPolicy.requireRole(staff, Action.TRANSFER);
    CompletableFuture<Conversation> current = store.call(() -> {
      Conversation conversation = conversations.find(conversationId).orElseThrow(() ->
          new SwitchboardException(ErrorCode.NOT_FOUND, "no such conversation"));
      if (conversation.status() == ConversationStatus.CLOSED) {
        throw new SwitchboardException(ErrorCode.CONVERSATION_CLOSED, "the conversation is closed");
      }
      access.require(staff, Action.TRANSFER, conversation);
      if (conversation.status() == ConversationStatus.QUEUED) {
        access.require(staff, Action.MOVE_WAITING, conversation);
      }
      return conversation;
    });
    return current.thenCompose(conversation -> toQueue != null
        ? toQueue(staff, conversation, toQueue, note)
        : toAgent(staff, conversation, agentId(toAgentId), note));
  }

  private CompletableFuture<Conversation> toQueue(Principal staff, Conversation conversation,
      String queueId, String note) {
    if (conversation.status() == ConversationStatus.QUEUED && queueId.equals(conversation.queueId())) {
      return CompletableFuture.failedFuture(new SwitchboardException(ErrorCode.CONFLICT,
          "the conversation already waits in queue " + queueId));
    }
    return store.call(() -> {
      queues.find(queueId).filter(q -> q.siteId().equals(conversation.siteId()))
          .orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_FOUND, "unknown queue " + queueId));
      return conversations.transferToQueue(conversation.id(), queueId, staff.id()).orElseThrow(() ->
          new SwitchboardException(ErrorCode.CONVERSATION_CLOSED, "the conversation is closed"));
    }).thenApply(moved -> {
      effects.letGo(conversation, "transferred");
      effects.queued(moved);
      effects.transferred(moved.id(), queueId, null, note, false);
      return moved;
    });
  }

  private CompletableFuture<Conversation> toAgent(Principal staff, Conversation conversation,
      UUID targetId, String note) {
    if (targetId.equals(conversation.agentId())) {
      return CompletableFuture.failedFuture(new SwitchboardException(ErrorCode.CONFLICT,
          "the conversation is already theirs"));
    }
    boolean waiting = conversation.status() == ConversationStatus.QUEUED;
    CompletableFuture<User> target = store.call(() -> eligibleAgent(conversation, targetId));
    return target.thenCompose(user -> routing.claim(targetId, conversation.queueId(),
            conversation.id()).toCompletableFuture()
        .thenCompose(claimId -> {
          if (claimId.isEmpty()) {
            throw new SwitchboardException(ErrorCode.CONFLICT,
                "that agent is offline, away or has no free capacity");
          }
          return store.call(() -> waiting
                  ? conversations.assignWaiting(conversation.id(), targetId, staff.id(),
                      claimId.get())
                  : conversations.transferToAgent(conversation.id(), conversation.agentId(),
                      targetId, staff.id(), claimId.get()))
              .whenComplete((moved, error) -> routing.settle(conversation.queueId(),
                  claimId.get(), conversation.id(), targetId, moved != null && moved.isPresent(),
                  error));
        })
        .thenApply(moved -> moved(conversation, moved, user, waiting, note)));
  }

  private Conversation moved(Conversation before, Optional<Conversation> moved,
      User target, boolean waiting, String note) {
    if (moved.isEmpty()) {
      throw new SwitchboardException(ErrorCode.CONFLICT, "the conversation changed meanwhile");
    }
    effects.letGo(before, "transferred");
    effects.assigned(moved.get());
    ServerMessage.Participant agent =
        new ServerMessage.Participant("agent", target.id().toString(), target.displayName());
    // A waiting conversation handed to an agent looks like a normal assignment to the visitor
    // (agent_joined once accepted); staff see who.
    effects.transferred(before.id(), null, agent, note, waiting);
    return moved.get();
  }

  /** The target, when enabled and eligible for the conversation's queue; a clear reason if not. */
  private User eligibleAgent(Conversation conversation, UUID targetId) {
    User user = users.find(targetId).filter(found -> !found.disabled())
        .orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_FOUND, "unknown agent"));
    AgentRouting agent = rules.agentRouting(targetId).orElseThrow(() ->
        new SwitchboardException(ErrorCode.NOT_FOUND, "unknown agent"));
    SkillProfile queueRules = rules.queueRules(conversation.queueId()).orElse(SkillProfile.NONE);
    Eligibility.whyNot(conversation.queueId(), queueRules, agent, conversation.language())
        .ifPresent(reason -> {
          throw new SwitchboardException(ErrorCode.CONFLICT, reason);
        });
    return user;
  }

  private static UUID agentId(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND, "unknown agent " + value);
    }
  }
}
