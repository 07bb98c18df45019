package io.switchboard.server.ticket;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.conversation.ConversationAccess;
import io.switchboard.server.delivery.DeliveryService;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.contact.Contact;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.queue.QueueInfo;
import io.switchboard.server.store.ticket.Ticket;
import io.switchboard.server.store.ticket.TicketChannel;
import io.switchboard.server.store.ticket.TicketDao;
import io.switchboard.server.store.ticket.TicketEntry;
import io.switchboard.server.store.ticket.TicketPriority;
import io.switchboard.server.store.ticket.TicketType;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where tickets come from: the widget's offline form, staff (over the API, or logging a phone
 * call), a chat turned into a ticket, and the complaint a low rating opens. Each is created with the next number of its site, its
 * first entry and its {@code created} event in one transaction; then its clocks start and the
 * people who work it hear of it.
 *
 * <p>Thread-safe. Every method blocks on the database: call it on the store executor.
 */
public final class TicketIntake {
  /**
   * A ticket staff open. Requester: {@code contactId}, or a new contact from name, email and
   * phone. {@code call} only with channel PHONE.
   */
  public record StaffTicket(String queueId, String subject, String body, UUID contactId,
      String name, String email, String phone, TicketChannel channel, TicketType type,
      TicketPriority priority, UUID assignee, List<String> tags, Map<String, String> call) {}

  private final Stores stores;
  private final ConversationAccess conversations;
  private final DeliveryService delivery;
  private final TicketClocks clocks;
  private final TicketNotifier notifier;
  private final TicketLoad load;
  private final Clock clock;

  TicketIntake(Stores stores, ConversationAccess conversations, DeliveryService delivery,
      TicketClocks clocks, TicketNotifier notifier, TicketLoad load, Clock clock) {
    this.stores = stores;
    this.conversations = conversations;
    this.delivery = delivery;
    this.clocks = clocks;
    this.notifier = notifier;
    this.load = load;
    this.clock = clock;
  }

  /** The offline form: {@code queueId} null means the site's default queue. */
  public Ticket fromForm(Principal visitor, String name, String email, String message,
      String queueId) {
    String queue = queueId != null ? queueId
        : stores.lookups().site(visitor.siteId()).map(site -> site.defaultQueueId()).orElse(null);
    if (queue != null) {
      queue(queue, visitor.siteId());
    }
    UUID contact = UUID.fromString(visitor.id());
    stores.contacts().updateProfile(contact, name, email, null);
    return opened(new TicketDao.NewTicket(visitor.siteId(), contact, name, email,
        subjectOf(message), TicketChannel.WEB_FORM, TicketType.QUESTION, TicketPriority.NORMAL,
        queue, null, List.of(), new TicketDao.NewEntry(TicketEntry.Kind.CUSTOMER,
            visitor.id(), message, false, null), null, visitor.id()));
  }

  /**
   * A mail to a support address opens a ticket in the address's queue, channel email, with the
   * mail's text as the requester's first entry. {@code followUpOf} (may be null) is the closed
   * ticket the mail answered: both histories record the link.
   */
  public Ticket fromMail(String siteId, String queueId, UUID contactId, String name, String email,
      String subject, String text, Ticket followUpOf) {
    Ticket ticket = opened(new TicketDao.NewTicket(siteId, contactId, name, email, subject,
        TicketChannel.EMAIL, TicketType.QUESTION, TicketPriority.NORMAL, queue(queueId, siteId).id(),
        null, List.of(), new TicketDao.NewEntry(TicketEntry.Kind.CUSTOMER, contactId.toString(),
            text, false, null), null, contactId.toString()));
    if (followUpOf != null) {
      stores.tickets().recordEvent(ticket.id(), "follow_up_of", contactId.toString(),
          Map.of("ticket", followUpOf.id().toString(), "number", followUpOf.number()),
          clock.instant());
      stores.tickets().recordEvent(followUpOf.id(), "followed_up", contactId.toString(),
          Map.of("ticket", ticket.id().toString(), "number", ticket.number()), clock.instant());
    }
    return ticket;
  }

  /** Staff open a ticket in a queue of their teams (admins: any queue). */
  public Ticket create(Principal staff, StaffTicket request) {
    QueueInfo queue = queue(request.queueId(), null);
    if (!AccessPolicy.permitsQueue(staff, Action.WORK_TICKET, queue.id())) {
      throw new SwitchboardException(ErrorCode.FORBIDDEN, "queue: not one of your teams' queues");
    }
    if (request.assignee() != null && !request.assignee().toString().equals(staff.id())
        && !AccessPolicy.permitsQueue(staff, Action.ASSIGN_TICKET, queue.id())) {
      throw new SwitchboardException(ErrorCode.FORBIDDEN, Action.ASSIGN_TICKET.refusal());
    }
    if (request.assignee() != null && stores.users().find(request.assignee())
        .filter(user -> !user.disabled()).isEmpty()) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "assignee: no such active user");
    }
    UUID contact = requester(request, queue.siteId());
    TicketDao.NewEntry first = null;
    if (request.call() != null) {
      first = new TicketDao.NewEntry(TicketEntry.Kind.CALL, staff.id(), request.body(), false,
          request.call());
    } else if (request.body() != null) {
      first = new TicketDao.NewEntry(TicketEntry.Kind.CUSTOMER, contact.toString(),
          request.body(), false, null);
    }
    return opened(new TicketDao.NewTicket(queue.siteId(), contact, request.name(),
        request.email(), request.subject(), request.channel(), request.type(),
        request.priority(), queue.id(), request.assignee(), request.tags(), first, null,
        staff.id()));
  }

  /**
   * A chat becomes a ticket: whoever may close the chat may do this; the transcript is linked as
   * the ticket's source and the chat's followers (the visitor too) get the {@code ticket} event.
   */
  public Ticket fromConversation(Principal staff, UUID conversationId, String subject,
      TicketType type, TicketPriority priority, String queueId, String note) {
    Conversation chat = conversations.find(staff, Action.CLOSE, conversationId);
    String queue = queueId != null ? queue(queueId, chat.siteId()).id() : chat.queueId();
    TicketDao.NewEntry first = note == null ? null
        : new TicketDao.NewEntry(TicketEntry.Kind.NOTE, staff.id(), note, false, null);
    Ticket ticket = opened(new TicketDao.NewTicket(chat.siteId(), chat.contactId(), null, null,
        subject, TicketChannel.CHAT, type, priority, queue, UUID.fromString(staff.id()),
        List.of(), first, chat.id(), staff.id()));
    delivery.publishEvent(chat.id(), new ServerMessage.TicketChanged(ticket.id().toString(),
        ticket.siteId(), ticket.number(), ticket.status().wire(), "created", clock.instant()),
        null);
    return ticket;
  }

  /**
   * A complaint the system opens for a requester (the satisfaction follow-up of a low rating):
   * type complaint, unassigned in {@code queueId} (null: the site's default queue), the
   * requester's words as the first entry, {@code sourceConversation} (may be null) linked as its
   * source. Opened only when {@code claim} succeeds in the same transaction; empty otherwise.
   */
  public Optional<Ticket> complaint(String siteId, UUID contactId, String queueId,
      TicketChannel channel, String subject, String body, UUID sourceConversation,
      TicketDao.Claim claim) {
    String queue = queueId != null ? queueId
        : stores.lookups().site(siteId).map(site -> site.defaultQueueId()).orElse(null);
    if (queue != null) {
      queue(queue, siteId);
    }
    Optional<Ticket> created = stores.tickets().createClaimed(new TicketDao.NewTicket(siteId,
        contactId, null, null, subject, channel, TicketType.COMPLAINT, TicketPriority.NORMAL,
        queue, null, List.of(), new TicketDao.NewEntry(TicketEntry.Kind.CUSTOMER,
            contactId.toString(), body, false, null), sourceConversation, "system"),
        clock.instant(), claim);
    return created.map(this::started);
  }

  private Ticket opened(TicketDao.NewTicket ticket) {
    return started(stores.tickets().create(ticket, clock.instant()));
  }

  /** A new ticket's clocks start and the people who work it hear of it. */
  private Ticket started(Ticket created) {
    clocks.recompute(created.id());
    Ticket now = stores.tickets().find(created.id()).orElseThrow();
    notifier.changed(null, now, "created", false, clock.instant());
    load.changed(null, now);
    return now;
  }

  private UUID requester(StaffTicket request, String siteId) {
    if (request.contactId() != null) {
      Contact contact = stores.contacts().find(request.contactId())
          .filter(found -> found.siteId().equals(siteId))
          .orElseThrow(() -> new SwitchboardException(ErrorCode.INVALID_FIELD,
              "requester: no such contact on this queue's site"));
      return contact.id();
    }
    if (request.name() == null && request.email() == null && request.phone() == null) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "requester: a contactId, or a name, email or phone");
    }
    UUID id = UUID.randomUUID();
    stores.contacts().create(new Contact(id, siteId, request.name(), request.email(),
        request.phone()));
    return id;
  }

  private QueueInfo queue(String queueId, String siteId) {
    return stores.lookups().queue(queueId)
        .filter(queue -> siteId == null || queue.siteId().equals(siteId))
        .orElseThrow(() -> new SwitchboardException(ErrorCode.INVALID_FIELD,
            "queue: no queue " + queueId + (siteId == null ? "" : " on this site")));
  }

  /** The first line of the message, at most 120 characters. */
  static String subjectOf(String message) {
    String line = message.strip().lines().findFirst().orElse("").strip();
    if (line.isEmpty()) {
      return "Offline message";
    }
    return line.length() <= 120 ? line : line.substring(0, 117) + "...";
  }
}
