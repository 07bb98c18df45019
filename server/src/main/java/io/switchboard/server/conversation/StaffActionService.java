package io.switchboard.server.conversation;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Principal;
import io.switchboard.server.delivery.DeliveryService;
import io.switchboard.server.delivery.Session;
import io.switchboard.server.routing.ClaimJournal;
import io.switchboard.server.routing.Eligibility;
import io.switchboard.server.routing.RoutingService;
import io.switchboard.server.routing.RoutingStore;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ConversationStatus;
import io.switchboard.server.store.conversation.Note;
import io.switchboard.server.store.conversation.NoteDao;
import io.switchboard.server.store.rules.AgentRouting;
import io.switchboard.server.store.rules.RoutingRulesDao;
import io.switchboard.server.store.rules.SkillProfile;
import io.switchboard.server.store.site.SiteDao;
import io.switchboard.server.store.user.User;
import io.switchboard.server.store.user.UserDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * What only staff do inside a conversation: private notes and transfers. Notes never reach a
 * visitor's session. A transfer to an agent first checks that the agent is eligible for the
 * conversation's queue (membership, skills, language), then claims the target's capacity in
 * Redis, then moves the conversation in PostgreSQL; if that loses a race the claim is given back.
 * Supervisors also transfer waiting conversations: to an agent (a direct assignment) or to
 * another queue.
 *
 * <p>Thread-safe.
 */
public final class StaffActionService {
  private final ConversationDao conversations;
  private final NoteDao notes;
  private final UserDao users;
  private final SiteDao sites;
  private final RoutingRulesDao rules;
  private final RoutingStore routingStore;
  private final RoutingService routing;
  private final DeliveryService delivery;
  private final BlockingExecutor store;
  private final Clock clock;
  private final ClaimJournal claims;

  /** The stores and services a staff action touches. */
  public record Parts(ConversationDao conversations, NoteDao notes, UserDao users, SiteDao sites,
      RoutingRulesDao rules, RoutingStore routingStore, RoutingService routing,
      DeliveryService delivery, BlockingExecutor store, Clock clock, ClaimJournal claims) {}

  public StaffActionService(Parts parts) {
    this.conversations = parts.conversations();
    this.notes = parts.notes();
    this.users = parts.users();
    this.sites = parts.sites();
    this.rules = parts.rules();
    this.routingStore = parts.routingStore();
    this.routing = parts.routing();
    this.delivery = parts.delivery();
    this.store = parts.store();
    this.clock = parts.clock();
    this.claims = parts.claims();
  }

  public CompletableFuture<ServerMessage> note(Session session, ClientMessage.Note command) {
    Principal staff = requireStaff(session, "note");
    UUID conversationId = ConversationService.conversationId(command.conversationId());
    return store.call(() -> {
      Conversation conversation = find(conversationId);
      ConversationService.requirePermitted(staff, conversation, true);
      return notes.add(conversationId, UUID.fromString(staff.id()), command.text());
    }).thenApply(note -> {
      delivery.publishEvent(conversationId, noteEvent(note), "visitor");
      return new ServerMessage.Ok(command.id());
    });
  }

  public CompletableFuture<ServerMessage> transfer(Session session, ClientMessage.Transfer command) {
    Principal staff = requireStaff(session, "transfer");
    UUID conversationId = ConversationService.conversationId(command.conversationId());
    return transfer(staff, conversationId, command.toAgentId(), command.toQueue(), command.note())
        .thenApply(ignored -> new ServerMessage.Ok(command.id()));
  }

  /**
   * Moves a conversation to a queue ({@code toQueue}) or to an agent ({@code toAgentId}); exactly
   * one is given. The assignee, supervisors and admins move an assigned conversation; only
   * supervisors and admins move a waiting one (to an agent, that assigns it directly).
   *
   * @return completes with the conversation as moved
   */
  public CompletableFuture<Conversation> transfer(Principal staff, UUID conversationId,
      String toAgentId, String toQueue, String note) {
    CompletableFuture<Conversation> current = store.call(() -> {
      Conversation conversation = find(conversationId);
      if (conversation.status() == ConversationStatus.CLOSED) {
        throw new SwitchboardException(ErrorCode.CONVERSATION_CLOSED, "the conversation is closed");
      }
      ConversationService.requirePermitted(staff, conversation, true);
      if (conversation.status() == ConversationStatus.QUEUED && staff.role().equals("agent")) {
        throw new SwitchboardException(ErrorCode.FORBIDDEN,
            "only supervisors move a waiting conversation");
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
      sites.findQueue(queueId).filter(q -> q.siteId().equals(conversation.siteId()))
          .orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_FOUND, "unknown queue " + queueId));
      return conversations.transferToQueue(conversation.id(), queueId, staff.id()).orElseThrow(() ->
          new SwitchboardException(ErrorCode.CONVERSATION_CLOSED, "the conversation is closed"));
    }).thenApply(moved -> {
      letGo(conversation);
      routing.enqueue(moved);
      announce(moved.id(), queueId, null, note);
      return moved;
    });
  }

  /**
   * To a chosen agent: the agent must be eligible for the conversation's queue (checked against
   * PostgreSQL, for a clear reason), then one unit of their capacity is claimed in Redis
   * (online, not full), then PostgreSQL checks and records the transition; if it refuses, the
   * claim is given back.
   */
  private CompletableFuture<Conversation> toAgent(Principal staff, Conversation conversation,
      UUID targetId, String note) {
    if (targetId.equals(conversation.agentId())) {
      return CompletableFuture.failedFuture(new SwitchboardException(ErrorCode.CONFLICT,
          "the conversation is already theirs"));
    }
    boolean waiting = conversation.status() == ConversationStatus.QUEUED;
    CompletableFuture<User> target = store.call(() -> {
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
    });
    return target.thenCompose(user -> routingStore.claim(targetId, conversation.queueId(),
            conversation.id()).toCompletableFuture()
        .thenCompose(claimId -> {
          if (claimId.isEmpty()) {
            throw new SwitchboardException(ErrorCode.CONFLICT,
                "that agent is offline, away or has no free capacity");
          }
          return store.call(() -> waiting
              ? conversations.assignWaiting(conversation.id(), targetId, staff.id(), claimId.get())
              : conversations.transferToAgent(conversation.id(), conversation.agentId(), targetId,
                  staff.id(), claimId.get()))
              .whenComplete((moved, error) -> claims.settleAfter(conversation.queueId(),
                  claimId.get(), conversation.id(), targetId, moved != null && moved.isPresent(),
                  error));
        })
        .thenApply(moved -> {
          if (moved.isEmpty()) {
            throw new SwitchboardException(ErrorCode.CONFLICT, "the conversation changed meanwhile");
          }
          letGo(conversation);
          routing.notifyAssigned(moved.get());
          ServerMessage.Participant agent =
              new ServerMessage.Participant("agent", targetId.toString(), user.displayName());
          if (waiting) {
            // The visitor sees a normal assignment (agent_joined once accepted); staff see who.
            delivery.publishEvent(conversation.id(), new ServerMessage.Transferred(
                conversation.id().toString(), null, agent, note, clock.instant()), "visitor");
          } else {
            announce(conversation.id(), null, agent, note);
          }
          return moved.get();
        }));
  }

  /** The previous agent loses the conversation: capacity back, and they are told. */
  private void letGo(Conversation before) {
    UUID previous = before.agentId();
    if (before.status() != ConversationStatus.ASSIGNED || previous == null) {
      if (before.status() == ConversationStatus.QUEUED) {
        routing.leftQueue(before.queueId(), before.id());
      }
      return;
    }
    store.call(() -> users.queuesOf(previous)).thenAccept(queues -> routing.released(previous, queues));
    delivery.publishToUser(previous.toString(),
        new ServerMessage.Unassigned(before.id().toString(), "transferred"));
  }

  private void announce(UUID conversationId, String toQueue, ServerMessage.Participant toAgent,
      String note) {
    delivery.publishEvent(conversationId, new ServerMessage.Transferred(conversationId.toString(),
        toQueue, toAgent, note, clock.instant()), "visitor");
    delivery.publishEvent(conversationId, new ServerMessage.Transferred(conversationId.toString(),
        toQueue, toAgent, null, clock.instant()), "staff");
  }

  static ServerMessage.NoteAdded noteEvent(Note note) {
    return new ServerMessage.NoteAdded(note.conversationId().toString(), note.id(),
        new ServerMessage.Participant("agent", note.authorId().toString(), note.authorName()),
        note.body(), note.createdAt());
  }

  private Conversation find(UUID conversationId) {
    Optional<Conversation> found = conversations.find(conversationId);
    return found.orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_FOUND, "no such conversation"));
  }

  private static UUID agentId(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND, "unknown agent " + value);
    }
  }

  private static Principal requireStaff(Session session, String command) {
    if (session.principal().isVisitor()) {
      throw new SwitchboardException(ErrorCode.FORBIDDEN, command + " is for agents");
    }
    return session.principal();
  }
}
