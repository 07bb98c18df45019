package io.switchboard.server.conversation;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.delivery.DeliveryService;
import io.switchboard.server.delivery.Session;
import io.switchboard.server.store.conversation.Note;
import io.switchboard.server.store.conversation.NoteDao;
import io.switchboard.server.util.BlockingExecutor;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * What only staff do inside a conversation: private notes, and transfers (a transition of the
 * {@link ConversationStateMachine}). Notes never reach a visitor's session. REST and WebSocket
 * both come here, so they answer alike.
 *
 * <p>Thread-safe.
 */
public final class StaffActionService {
  private final ConversationStateMachine machine;
  private final ConversationAccess access;
  private final NoteDao notes;
  private final DeliveryService delivery;
  private final BlockingExecutor store;

  public StaffActionService(ConversationStateMachine machine, ConversationAccess access,
      NoteDao notes, DeliveryService delivery, BlockingExecutor store) {
    this.machine = machine;
    this.access = access;
    this.notes = notes;
    this.delivery = delivery;
    this.store = store;
  }

  /** The {@code note} command. */
  public CompletableFuture<ServerMessage> note(Session session, ClientMessage.Note command) {
    UUID conversationId = ConversationAccess.conversationId(command.conversationId());
    return note(session.principal(), conversationId, command.text())
        .thenApply(note -> new ServerMessage.Ok(command.id()));
  }

  /** Adds a private note for staff: the assignee, supervisors and admins. */
  public CompletableFuture<Note> note(Principal staff, UUID conversationId, String text) {
    AccessPolicy.requireRole(staff, Action.NOTE);
    return store.call(() -> {
      access.find(staff, Action.NOTE, conversationId);
      return notes.add(conversationId, UUID.fromString(staff.id()), text);
    }).thenApply(note -> {
      delivery.publishEvent(conversationId, noteEvent(note), "visitor");
      return note;
    });
  }

  /** The {@code transfer} command. */
  public CompletableFuture<ServerMessage> transfer(Session session, ClientMessage.Transfer command) {
    UUID conversationId = ConversationAccess.conversationId(command.conversationId());
    return machine.transfer(session.principal(), conversationId, command.toAgentId(),
            command.toQueue(), command.note())
        .thenApply(moved -> new ServerMessage.Ok(command.id()));
  }

  static ServerMessage.NoteAdded noteEvent(Note note) {
    return new ServerMessage.NoteAdded(note.conversationId().toString(), note.id(),
        new ServerMessage.Participant("agent", note.authorId().toString(), note.authorName()),
        note.body(), note.createdAt(), note.isWhisper() ? Note.WHISPER : null);
  }
}
