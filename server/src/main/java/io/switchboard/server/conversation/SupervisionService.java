package io.switchboard.server.conversation;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Relation;
import io.switchboard.server.access.Role;
import io.switchboard.server.audit.AuditLog;
import io.switchboard.server.delivery.DeliveryService;
import io.switchboard.server.delivery.Session;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationStatus;
import io.switchboard.server.store.conversation.Note;
import io.switchboard.server.store.conversation.NoteDao;
import io.switchboard.server.store.conversation.ParticipantDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A supervisor's tools on a live conversation of their team: monitoring (following it read-only,
 * recorded once per session when they first resume it), whispering (a note to the agent that no
 * visitor session ever receives) and barging (joining beside the agent; the visitor is told, and
 * the supervisor may then write). Each is recorded in the conversation's history and in the audit
 * log: here for the WebSocket commands, by the REST layer's write audit for REST calls. REST and
 * WebSocket both come here.
 *
 * <p>Thread-safe.
 */
public final class SupervisionService {
  private final ConversationAccess access;
  private final NoteDao notes;
  private final ParticipantDao participants;
  private final DeliveryService delivery;
  private final AuditLog audit;
  private final BlockingExecutor store;
  private final Clock clock;

  public SupervisionService(ConversationAccess access, NoteDao notes, ParticipantDao participants,
      DeliveryService delivery, AuditLog audit, BlockingExecutor store, Clock clock) {
    this.access = access;
    this.notes = notes;
    this.participants = participants;
    this.delivery = delivery;
    this.audit = audit;
    this.store = store;
    this.clock = clock;
  }

  /** The {@code whisper} command. */
  public CompletableFuture<ServerMessage> whisper(Session session, ClientMessage.Whisper command) {
    UUID conversationId = ConversationAccess.conversationId(command.conversationId());
    return whisper(session.principal(), conversationId, command.text()).thenApply(note -> {
      record(session, "conversation.whisper", conversationId, "{\"noteId\":" + note.id() + "}");
      return new ServerMessage.Ok(command.id());
    });
  }

  /** Writes to the conversation's agent; staff following it receive a {@code note} (whisper). */
  public CompletableFuture<Note> whisper(Principal staff, UUID conversationId, String text) {
    AccessPolicy.requireRole(staff, Action.WHISPER);
    return store.call(() -> {
      requireServed(access.find(staff, Action.WHISPER, conversationId));
      return notes.whisper(conversationId, UUID.fromString(staff.id()), text);
    }).thenApply(note -> {
      delivery.publishEvent(conversationId, StaffActionService.noteEvent(note), "visitor");
      return note;
    });
  }

  /** The {@code barge} command: the session then follows the conversation and may write. */
  public CompletableFuture<ServerMessage> barge(Session session, ClientMessage.Barge command) {
    UUID conversationId = ConversationAccess.conversationId(command.conversationId());
    return barge(session.principal(), conversationId)
        .thenApply(conversation -> {
          record(session, "conversation.barge", conversationId, null);
          session.allow(conversationId);
          delivery.follow(session, conversationId, conversation.lastSeq());
          return new ServerMessage.Ok(command.id());
        });
  }

  /**
   * Joins the conversation beside its agent; everyone following it (the visitor too) receives
   * {@code agent_joined} naming the supervisor. Joining again changes nothing.
   */
  public CompletableFuture<Conversation> barge(Principal staff, UUID conversationId) {
    AccessPolicy.requireRole(staff, Action.BARGE);
    record Joined(Conversation conversation, boolean now) {}
    return store.call(() -> {
      Conversation conversation = requireServed(access.find(staff, Action.BARGE, conversationId));
      return new Joined(conversation,
          participants.join(conversationId, UUID.fromString(staff.id())));
    }).thenApply(joined -> {
      if (joined.now()) {
        delivery.publishEvent(conversationId, new ServerMessage.AgentJoined(
            conversationId.toString(), new ServerMessage.Participant("agent", staff.id(),
                staff.name()), clock.instant()), null);
      }
      return joined.conversation();
    });
  }

  /**
   * Called on the store executor when a session resumes a conversation it was not yet allowed
   * in: a supervisor or admin reading a live conversation that is neither theirs nor joined is
   * monitoring it, recorded the first time in the session.
   */
  void monitoring(Session session, Conversation conversation) {
    Principal staff = session.principal();
    if (!(staff.role() == Role.SUPERVISOR || staff.role() == Role.ADMIN)
        || conversation.status() == ConversationStatus.CLOSED
        || ConversationAccess.relation(staff, conversation) == Relation.ASSIGNED
        || participants.isParticipant(conversation.id(), UUID.fromString(staff.id()))
        || !session.firstMonitoring(conversation.id())) {
      return;
    }
    participants.recordMonitoring(conversation.id(), UUID.fromString(staff.id()));
    record(session, "conversation.monitor", conversation.id(), null);
  }

  private static Conversation requireServed(Conversation conversation) {
    if (conversation.status() == ConversationStatus.CLOSED) {
      throw new SwitchboardException(ErrorCode.CONVERSATION_CLOSED, "the conversation is closed");
    }
    if (conversation.status() != ConversationStatus.ASSIGNED) {
      throw new SwitchboardException(ErrorCode.CONFLICT,
          "the conversation waits for an agent: assign it instead");
    }
    return conversation;
  }

  private void record(Session session, String action, UUID conversationId, String after) {
    Principal staff = session.principal();
    audit.record(new AuditLog.Event(staff.id(), staff.role().wire(), action, "conversation",
        conversationId.toString(), session.clientAddress(), null, after));
  }
}
