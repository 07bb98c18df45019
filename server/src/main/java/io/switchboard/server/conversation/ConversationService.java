package io.switchboard.server.conversation;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.delivery.DeliveryService;
import io.switchboard.server.delivery.Session;
import io.switchboard.server.store.attachment.AttachmentChecks;
import io.switchboard.server.store.attachment.AttachmentDao;
import io.switchboard.server.store.attachment.AttachmentPolicyDao;
import io.switchboard.server.store.attachment.AttachmentRef;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.message.AppendRequest;
import io.switchboard.server.store.message.BatchedReads;
import io.switchboard.server.store.message.GroupCommitMessageWriter;
import io.switchboard.server.store.message.ResumePage;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The conversation commands of a WebSocket session: start, send, accept, close, resume, read and
 * typing. Transitions go through the {@link ConversationStateMachine}; messages go through group
 * commit and are acknowledged only after their transaction commits (I1), idempotently per
 * clientMsgId (I2). Who may do what is {@link ConversationAccess}'s answer, checked once per
 * conversation and session and then remembered by the session.
 *
 * <p>Thread-safe.
 */
public final class ConversationService {
  private final ConversationStateMachine machine;
  private final ConversationAccess access;
  private final BatchedReads reads;
  private final GroupCommitMessageWriter writer;
  private final BlockingExecutor store;
  private final DeliveryService delivery;
  private final SupervisionService supervision;
  private final int maxMessageChars;

  /** What the commands use besides the state machine. */
  public record Parts(ConversationStateMachine machine, ConversationAccess access,
      BatchedReads reads, GroupCommitMessageWriter writer, BlockingExecutor store,
      DeliveryService delivery, SupervisionService supervision, int maxMessageChars,
      AttachmentDao attachments, AttachmentPolicyDao attachmentPolicies) {}

  private final AttachmentDao attachmentDao;
  private final AttachmentPolicyDao attachmentPolicies;
  private volatile InvitationReplies invitations = InvitationReplies.NONE;

  public ConversationService(Parts parts) {
    this.machine = parts.machine();
    this.attachmentDao = parts.attachments();
    this.attachmentPolicies = parts.attachmentPolicies();
    this.access = parts.access();
    this.reads = parts.reads();
    this.writer = parts.writer();
    this.store = parts.store();
    this.delivery = parts.delivery();
    this.supervision = parts.supervision();
    this.maxMessageChars = parts.maxMessageChars();
  }

  /** Lets a start reply to an invitation (set once, when the node wires its campaigns). */
  public void useInvitations(InvitationReplies replies) {
    this.invitations = replies;
  }

  /**
   * Visitor: opens a conversation in a queue, or returns the visitor's open one. A start that
   * replies to an invitation opens it in the invitation's queue, with the invitation's text
   * stored (and delivered) as the first message before the visitor's own.
   */
  public CompletableFuture<ServerMessage> start(Session session, ClientMessage.Start command) {
    String invitation = command.invitation();
    if (invitation == null) {
      return start(session, command, command.queue()).thenApply(c -> started(command, c));
    }
    InvitationReplies replies = invitations;
    return store.call(() -> replies.queue(session.principal(), invitation))
        .thenCompose(queue -> start(session, command, queue.orElse(null)))
        .thenCompose(conversation -> store.call(() ->
                replies.replied(session.principal(), invitation, conversation))
            .thenCompose(first -> first.isEmpty() ? CompletableFuture.completedFuture(null)
                : writer.append(first.get()).thenAccept(result -> {
                  if (!result.duplicate()) {
                    delivery.publishMessage(result.message());
                  }
                }))
            .thenApply(ignored -> started(command, conversation)));
  }

  private CompletableFuture<Conversation> start(Session session, ClientMessage.Start command,
      String queue) {
    StartRequest request = new StartRequest(queue, command.fields(), command.language(),
        PrechatFields.name("fields.name", command.fields().get("name")),
        PrechatFields.email("fields.email", command.fields().get("email")),
        PrechatFields.phone("fields.phone", command.fields().get("phone")));
    return machine.start(session.principal(), request, conversation -> {
      session.allow(conversation.id());
      delivery.follow(session, conversation.id(), conversation.lastSeq());
    });
  }

  private static ServerMessage started(ClientMessage.Start command, Conversation conversation) {
    return new ServerMessage.Started(command.id(), conversation.id().toString(),
        conversation.status().wire(), conversation.queueId(), conversation.lastSeq(),
        conversation.createdAt());
  }

  /** Visitor or agent: stores a message and acknowledges it after the commit. */
  public CompletableFuture<ServerMessage> send(Session session, ClientMessage.Send command) {
    UUID conversationId = ConversationAccess.conversationId(command.conversationId());
    if (command.text().length() > maxMessageChars) {
      return CompletableFuture.failedFuture(new SwitchboardException(ErrorCode.TOO_LARGE,
          "text: at most " + maxMessageChars + " characters"));
    }
    Principal sender = session.principal();
    String role = sender.isVisitor() ? "visitor" : "agent";
    List<UUID> files;
    try {
      files = AttachmentChecks.ids(command.attachments());
    } catch (SwitchboardException e) {
      return CompletableFuture.failedFuture(e);
    }
    return authorize(session, Action.SEND, conversationId)
        .thenCompose(ignored -> files.isEmpty() ? CompletableFuture.completedFuture(
            List.<AttachmentRef>of()) : store.call(() -> attachments(sender, conversationId, files)))
        .thenCompose(refs -> writer.append(new AppendRequest(
            conversationId, command.clientMsgId(), role, sender.id(), command.text(), refs)))
        .thenApply(result -> {
          if (!result.duplicate()) {
            delivery.publishMessage(result.message());
          }
          return new ServerMessage.Ack(command.id(), command.conversationId(),
              command.clientMsgId(), result.message().seq(), result.message().createdAt());
        });
  }

  /** Agent: accepts an assigned conversation; the visitor is told the agent joined. */
  public CompletableFuture<ServerMessage> accept(Session session, ClientMessage.Accept command) {
    UUID conversationId = ConversationAccess.conversationId(command.conversationId());
    return machine.accept(session.principal(), conversationId, conversation -> {
      session.allow(conversationId);
      delivery.follow(session, conversationId, conversation.lastSeq());
    }).thenApply(conversation -> new ServerMessage.Ok(command.id()));
  }

  /** Assignee, supervisor, admin or the visitor: closes the conversation (once). */
  public CompletableFuture<ServerMessage> close(Session session, ClientMessage.Close command) {
    UUID conversationId = ConversationAccess.conversationId(command.conversationId());
    return machine.close(session.principal(), conversationId, command.disposition(),
        command.tags()).thenApply(closed -> new ServerMessage.Ok(command.id()));
  }

  /** Both: replays the messages after lastSeq, then follows the conversation live. */
  public CompletableFuture<ServerMessage> resume(Session session, ClientMessage.Resume command) {
    UUID conversationId = ConversationAccess.conversationId(command.conversationId());
    Principal principal = session.principal();
    if (session.isAllowed(conversationId)) {
      // The usual case: a reconnecting client resumes a conversation its welcome listed, which
      // the session follows already. One batched statement reads the conversation and the
      // first page, together with those of every other session resuming at the same moment.
      delivery.follow(session, conversationId, -1);
      return reads.resumePage(conversationId, command.lastSeq()).thenCompose(found -> {
        ResumePage read = found.orElseThrow(() ->
            new SwitchboardException(ErrorCode.NOT_FOUND, "no such conversation"));
        if (ConversationAccess.permitsFromRow(principal, Action.READ, read.conversation())) {
          return CompletableFuture.completedFuture(read);
        }
        return store.call(() -> {
          access.require(principal, Action.READ, read.conversation());
          return read;
        });
      }).thenApply(read -> {
        delivery.resume(session, read, command.lastSeq(), command.id());
        return null;
      });
    }
    return store.call(() -> {
      Conversation conversation = access.find(principal, Action.READ, conversationId);
      supervision.monitoring(session, conversation);
      return conversation;
    }).thenApply(conversation -> {
      delivery.resume(session, conversationId, command.lastSeq(), command.id(),
          conversation.lastSeq(), conversation.status().wire());
      return null;
    });
  }

  /** Both: tells the other side what has been read. */
  public CompletableFuture<ServerMessage> read(Session session, ClientMessage.Read command) {
    UUID conversationId = ConversationAccess.conversationId(command.conversationId());
    boolean visitor = session.principal().isVisitor();
    return authorize(session, Action.SIGNAL, conversationId).thenApply(ignored -> {
      delivery.publishEvent(conversationId, new ServerMessage.ReadUpTo(
          command.conversationId(), visitor ? "visitor" : "agent", command.seq()),
          visitor ? "visitor" : "staff");
      return new ServerMessage.Ok(command.id());
    });
  }

  /** Both: typing started or stopped, shown to the other side only. */
  public CompletableFuture<ServerMessage> typing(Session session, ClientMessage.Typing command) {
    UUID conversationId = ConversationAccess.conversationId(command.conversationId());
    boolean visitor = session.principal().isVisitor();
    return authorize(session, Action.SIGNAL, conversationId).thenApply(ignored -> {
      delivery.publishEvent(conversationId, new ServerMessage.Typing(command.conversationId(),
          visitor ? "visitor" : "agent", command.active()), visitor ? "visitor" : "staff");
      return new ServerMessage.Ok(command.id());
    });
  }

  /**
   * The session may act in the conversation: a visitor's own, or an agent's assigned one. Checked
   * against PostgreSQL once; the session then remembers it.
   */
  /**
   * The sender's uploads checked against the conversation's site's rules. An upload already on a
   * message of this conversation passes here: a retried send names the files of the message it
   * stored, and the writer answers with that message (any other reuse it refuses).
   */
  private List<AttachmentRef> attachments(Principal sender, UUID conversationId, List<UUID> ids) {
    Conversation conversation = access.find(sender, Action.SEND, conversationId);
    return AttachmentChecks.check(ids, attachmentDao.findAll(ids), conversation.siteId(),
        sender.isVisitor() ? "visitor" : "staff", sender.id(),
        attachmentPolicies.policy(conversation.siteId()),
        a -> a.conversationId() != null && !a.conversationId().equals(conversationId));
  }

  private CompletableFuture<Void> authorize(Session session, Action action, UUID conversationId) {
    if (session.isAllowed(conversationId)) {
      return CompletableFuture.completedFuture(null);
    }
    return store.call(() -> access.find(session.principal(), action, conversationId))
        .thenApply(conversation -> {
          session.allow(conversationId);
          return null;
        });
  }
}
