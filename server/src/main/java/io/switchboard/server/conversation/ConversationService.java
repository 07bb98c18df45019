package io.switchboard.server.conversation;

import io.switchboard.protocol.ClientMessage;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Principal;
import io.switchboard.server.delivery.DeliveryService;
import io.switchboard.server.delivery.Session;
import io.switchboard.server.routing.RoutingService;
import io.switchboard.server.store.cache.CachedLookups;
import io.switchboard.server.store.contact.ContactDao;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationDao.Closed;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ConversationStatus;
import io.switchboard.server.store.message.AppendRequest;
import io.switchboard.server.store.message.BatchedReads;
import io.switchboard.server.store.message.GroupCommitMessageWriter;
import io.switchboard.server.store.message.ResumePage;
import io.switchboard.server.store.queue.QueueInfo;
import io.switchboard.server.store.queue.QueueSchedule;
import io.switchboard.server.store.site.Site;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation state machine as clients drive it: start, send, accept, close, resume, read
 * and typing. Every transition is checked in PostgreSQL; messages go through group commit and are
 * acknowledged only after their transaction commits (I1), idempotently per clientMsgId (I2).
 *
 * <p>Thread-safe.
 */
public final class ConversationService {
  private static final Logger LOG = LoggerFactory.getLogger(ConversationService.class);
  private final ConversationDao conversations;
  private final CachedLookups lookups;
  private final ContactDao contacts;
  private final BatchedReads reads;
  private final GroupCommitMessageWriter writer;
  private final BlockingExecutor store;
  private final DeliveryService delivery;
  private final RoutingService routing;
  private final Clock clock;
  private final int maxMessageChars;
  private final Clock businessClock;

  public ConversationService(ConversationDao conversations, CachedLookups lookups,
      ContactDao contacts, BatchedReads reads, GroupCommitMessageWriter writer,
      BlockingExecutor store, DeliveryService delivery, RoutingService routing, Clock clock,
      int maxMessageChars, Clock businessClock) {
    this.businessClock = businessClock;
    this.conversations = conversations;
    this.lookups = lookups;
    this.contacts = contacts;
    this.reads = reads;
    this.writer = writer;
    this.store = store;
    this.delivery = delivery;
    this.routing = routing;
    this.clock = clock;
    this.maxMessageChars = maxMessageChars;
  }

  /** Visitor: opens a conversation in a queue, or returns the visitor's open one. */
  public CompletableFuture<ServerMessage> start(Session session, ClientMessage.Start command) {
    Principal visitor = requireVisitor(session, "start");
    String name = PrechatFields.name("fields.name", command.fields().get("name"));
    String email = PrechatFields.email("fields.email", command.fields().get("email"));
    String phone = PrechatFields.phone("fields.phone", command.fields().get("phone"));
    return store.call(() -> {
      if (name != null || email != null || phone != null) {
        contacts.updateProfile(UUID.fromString(visitor.id()), name, email, phone);
      }
      Site site = lookups.site(visitor.siteId()).orElseThrow(() ->
          new SwitchboardException(ErrorCode.NOT_FOUND, "the site no longer exists"));
      String queueId = command.queue() != null ? command.queue() : site.defaultQueueId();
      QueueInfo queue = queueId == null ? null : lookups.queue(queueId)
          .filter(q -> q.siteId().equals(site.id())).orElse(null);
      if (queue == null) {
        throw new SwitchboardException(ErrorCode.NOT_FOUND,
            queueId == null ? "this site has no default queue; name one" : "unknown queue " + queueId);
      }
      UUID contactId = UUID.fromString(visitor.id());
      QueueSchedule schedule = lookups.schedule(queue.id()).orElse(QueueSchedule.alwaysOpen());
      if (!schedule.isOpen(businessClock.instant())) {
        // A visitor who already has an open conversation gets it back even while the queue is
        // closed; only a new one is refused.
        Optional<Conversation> open = conversations.openForContact(site.id(), contactId);
        if (open.isPresent()) {
          return new ConversationDao.StartResult(open.get(), false);
        }
        throw new SwitchboardException(ErrorCode.QUEUE_CLOSED,
            "queue " + queue.id() + " is closed now (paused, outside business hours or a holiday); leave a message");
      }
      // Returns the visitor's open conversation, in whatever queue, when there is one.
      return conversations.startOrGetOpen(site.id(), contactId, queue.id(), command.fields(), 0,
          command.language());
    }).thenApply(result -> {
      Conversation conversation = result.conversation();
      session.allow(conversation.id());
      delivery.follow(session, conversation.id(), conversation.lastSeq());
      if (conversation.status() == ConversationStatus.QUEUED) {
        routing.enqueue(conversation);
      }
      return new ServerMessage.Started(command.id(), conversation.id().toString(),
          conversation.status().wire(), conversation.queueId(), conversation.lastSeq(),
          conversation.createdAt());
    });
  }

  /** Visitor or agent: stores a message and acknowledges it after the commit. */
  public CompletableFuture<ServerMessage> send(Session session, ClientMessage.Send command) {
    UUID conversationId = conversationId(command.conversationId());
    if (command.text().length() > maxMessageChars) {
      return CompletableFuture.failedFuture(new SwitchboardException(ErrorCode.TOO_LARGE,
          "text: at most " + maxMessageChars + " characters"));
    }
    Principal sender = session.principal();
    String role = sender.isVisitor() ? "visitor" : "agent";
    return authorize(session, conversationId)
        .thenCompose(ignored -> writer.append(new AppendRequest(
            conversationId, command.clientMsgId(), role, sender.id(), command.text())))
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
    Principal agent = requireStaff(session, "accept");
    UUID conversationId = conversationId(command.conversationId());
    return store.call(() -> {
      if (conversations.accept(conversationId, UUID.fromString(agent.id()))) {
        return conversations.find(conversationId).orElseThrow();
      }
      Conversation current = conversations.find(conversationId).orElseThrow(() ->
          new SwitchboardException(ErrorCode.NOT_FOUND, "no such conversation"));
      if (current.status() == ConversationStatus.CLOSED) {
        throw new SwitchboardException(ErrorCode.CONVERSATION_CLOSED, "the conversation is closed");
      }
      throw new SwitchboardException(ErrorCode.CONFLICT, "the conversation is not assigned to you");
    }).thenApply(conversation -> {
      routing.accepted(UUID.fromString(agent.id()));
      session.allow(conversationId);
      delivery.follow(session, conversationId, conversation.lastSeq());
      delivery.publishEvent(conversationId, new ServerMessage.AgentJoined(
          conversationId.toString(),
          new ServerMessage.Participant("agent", agent.id(), agent.name()), clock.instant()), null);
      return new ServerMessage.Ok(command.id());
    });
  }

  /** Assignee, supervisor, admin or the visitor: closes the conversation (once). */
  public CompletableFuture<ServerMessage> close(Session session, ClientMessage.Close command) {
    UUID conversationId = conversationId(command.conversationId());
    Principal closer = session.principal();
    String by = closer.isVisitor() ? "visitor" : "agent";
    return store.call(() -> {
      Conversation current = conversations.find(conversationId).orElseThrow(() ->
          new SwitchboardException(ErrorCode.NOT_FOUND, "no such conversation"));
      requirePermitted(closer, current, true);
      // A visitor's disposition or tags would be an agent's label; they are ignored.
      Closed closed = (closer.isVisitor()
          ? conversations.closeFrom(conversationId, by, null, List.of())
          : conversations.closeFrom(conversationId, by, command.disposition(), command.tags()))
          .orElseThrow(() -> new SwitchboardException(
              ErrorCode.CONVERSATION_CLOSED, "the conversation is closed"));
      afterClose(closed, freedQueues(closed), by);
      return new ServerMessage.Ok(command.id());
    });
  }

  /**
   * The queues of the agent whose slot the close freed, to offer it in (usually cached); null when
   * no agent held the conversation. The close has committed by now: when the queues cannot be
   * read the slot is still given back, and the queues drain at their next arrival or reconcile.
   */
  private List<String> freedQueues(Closed closed) {
    if (closed.before() != ConversationStatus.ASSIGNED || closed.previousAgent() == null) {
      return null;
    }
    try {
      return lookups.agentQueues(closed.previousAgent());
    } catch (RuntimeException e) {
      LOG.warn("queues of agent {} not read after a close: {}", closed.previousAgent(),
          e.toString());
      return List.of();
    }
  }

  /** Frees the agent's slot or the queue place, and tells both sides. */
  private void afterClose(Closed closed, List<String> freedQueues, String by) {
    Conversation conversation = closed.conversation();
    if (freedQueues != null) {
      routing.released(closed.previousAgent(), freedQueues);
    } else if (closed.before() == ConversationStatus.QUEUED) {
      routing.leftQueue(conversation.queueId(), conversation.id());
    }
    // The disposition is the agent's label (for example "spam"): staff see it, the visitor not.
    delivery.publishEvent(conversation.id(), new ServerMessage.Closed(conversation.id().toString(),
        by, conversation.lastSeq(), conversation.disposition(), conversation.closedAt()),
        "visitor");
    delivery.publishEvent(conversation.id(), new ServerMessage.Closed(conversation.id().toString(),
        by, conversation.lastSeq(), null, conversation.closedAt()), "staff");
  }

  /** Both: replays the messages after lastSeq, then follows the conversation live. */
  public CompletableFuture<ServerMessage> resume(Session session, ClientMessage.Resume command) {
    UUID conversationId = conversationId(command.conversationId());
    if (session.isAllowed(conversationId)) {
      // The usual case: a reconnecting client resumes a conversation its welcome listed, which
      // the session follows already. One batched statement reads the conversation and the
      // first page, together with those of every other session resuming at the same moment.
      Principal principal = session.principal();
      delivery.follow(session, conversationId, -1);
      return reads.resumePage(conversationId, command.lastSeq()).thenApply(found -> {
        ResumePage read = found.orElseThrow(() ->
            new SwitchboardException(ErrorCode.NOT_FOUND, "no such conversation"));
        requirePermitted(principal, read.conversation(), true);
        delivery.resume(session, read, command.lastSeq(), command.id());
        return null;
      });
    }
    return readable(session, conversationId).thenApply(conversation -> {
      delivery.resume(session, conversationId, command.lastSeq(), command.id(),
          conversation.lastSeq(), conversation.status().wire());
      return null;
    });
  }

  /** Both: tells the other side what has been read. */
  public CompletableFuture<ServerMessage> read(Session session, ClientMessage.Read command) {
    UUID conversationId = conversationId(command.conversationId());
    String side = session.principal().isVisitor() ? "visitor" : "staff";
    return authorize(session, conversationId).thenApply(ignored -> {
      delivery.publishEvent(conversationId, new ServerMessage.ReadUpTo(
          command.conversationId(), side.equals("visitor") ? "visitor" : "agent", command.seq()),
          side);
      return new ServerMessage.Ok(command.id());
    });
  }

  /** Both: typing started or stopped, shown to the other side only. */
  public CompletableFuture<ServerMessage> typing(Session session, ClientMessage.Typing command) {
    UUID conversationId = conversationId(command.conversationId());
    String side = session.principal().isVisitor() ? "visitor" : "staff";
    return authorize(session, conversationId).thenApply(ignored -> {
      delivery.publishEvent(conversationId, new ServerMessage.Typing(command.conversationId(),
          side.equals("visitor") ? "visitor" : "agent", command.active()), side);
      return new ServerMessage.Ok(command.id());
    });
  }

  // ---- authorization ---------------------------------------------------------------------

  /** The session may act in the conversation: a visitor's own, or an agent's assigned one. */
  private CompletableFuture<Void> authorize(Session session, UUID conversationId) {
    if (session.isAllowed(conversationId)) {
      return CompletableFuture.completedFuture(null);
    }
    Principal principal = session.principal();
    return store.call(() -> conversations.find(conversationId)).thenApply(found -> {
      Conversation conversation = found.orElseThrow(() ->
          new SwitchboardException(ErrorCode.NOT_FOUND, "no such conversation"));
      requirePermitted(principal, conversation, false);
      session.allow(conversationId);
      return null;
    });
  }

  /** Visitors read their own conversations, agents their assigned ones, supervisors any. */
  private CompletableFuture<Conversation> readable(Session session, UUID conversationId) {
    Principal principal = session.principal();
    return store.call(() -> {
      Conversation conversation = conversations.find(conversationId).orElseThrow(() ->
          new SwitchboardException(ErrorCode.NOT_FOUND, "no such conversation"));
      requirePermitted(principal, conversation, true);
      return conversation;
    });
  }

  /** Throws FORBIDDEN unless {@link #permitted} allows the principal to act. */
  static void requirePermitted(Principal principal, Conversation conversation,
      boolean supervisorsToo) {
    if (!permitted(principal, conversation, supervisorsToo)) {
      throw new SwitchboardException(ErrorCode.FORBIDDEN, "this conversation is not yours");
    }
  }

  /**
   * The one access rule: visitors act on their own conversations, agents on those assigned to
   * them, and (where {@code supervisorsToo}) supervisors and admins on any.
   */
  private static boolean permitted(Principal principal, Conversation conversation,
      boolean supervisorsToo) {
    if (principal.isVisitor()) {
      return conversation.contactId().toString().equals(principal.id())
          && conversation.siteId().equals(principal.siteId());
    }
    if (conversation.agentId() != null && conversation.agentId().toString().equals(principal.id())) {
      return true;
    }
    return supervisorsToo && !principal.role().equals("agent");
  }

  private static Principal requireVisitor(Session session, String command) {
    if (!session.principal().isVisitor()) {
      throw new SwitchboardException(ErrorCode.FORBIDDEN, command + " is for visitors");
    }
    return session.principal();
  }

  private static Principal requireStaff(Session session, String command) {
    if (session.principal().isVisitor()) {
      throw new SwitchboardException(ErrorCode.FORBIDDEN, command + " is for agents");
    }
    return session.principal();
  }

  static UUID conversationId(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND, "no such conversation: " + value);
    }
  }
}
