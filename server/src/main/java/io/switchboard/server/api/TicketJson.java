package io.switchboard.server.api;

import io.switchboard.server.sla.SlaClock;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.attachment.Attachment;
import io.switchboard.server.store.attachment.AttachmentLinks;
import io.switchboard.server.store.attachment.AttachmentRef;
import io.switchboard.server.store.contact.Contact;
import io.switchboard.server.store.sla.SlaClockRow;
import io.switchboard.server.store.ticket.Ticket;
import io.switchboard.server.store.ticket.TicketEntry;
import io.switchboard.server.store.user.User;
import io.switchboard.server.ticket.TicketService;
import io.switchboard.server.ticket.TicketSla;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The JSON of tickets as PROTOCOL.md 3.7 describes them, for staff and for the requester. Names
 * of users and contacts are read once per answer.
 *
 * <p>Not thread-safe: make one per answer, on a thread that may block.
 */
final class TicketJson {
  private final Stores stores;
  private final AttachmentLinks links;
  private final Map<UUID, Map<Long, List<AttachmentRef>>> attachments = new HashMap<>();
  private final Map<UUID, Optional<User>> users = new HashMap<>();
  private final Map<UUID, Optional<Contact>> contacts = new HashMap<>();
  private final Map<UUID, Map<Long, List<Map<String, Object>>>> deliveries = new HashMap<>();
  private final Map<UUID, Map<Long, Map<String, Object>>> mail = new HashMap<>();

  TicketJson(Stores stores, AttachmentLinks links) {
    this.stores = stores;
    this.links = links;
  }

  /** The ticket as lists and writes show it. */
  Map<String, Object> summary(Ticket t) {
    Optional<Contact> contact = contact(t.contactId());
    return ApiJson.object("id", t.id().toString(), "siteId", t.siteId(), "number", t.number(),
        "subject", t.subject(), "status", t.status().wire(), "priority", t.priority().wire(),
        "type", t.type().wire(), "channel", t.channel().wire(), "queue", t.queueId(),
        "assignee", t.assigneeId() == null ? null : person(t.assigneeId()),
        "requester", ApiJson.object("contactId", t.contactId().toString(),
            "name", t.requesterName() != null ? t.requesterName()
                : contact.map(Contact::name).orElse(null),
            "email", t.requesterEmail() != null ? t.requesterEmail()
                : contact.map(Contact::email).orElse(null)),
        "tags", t.tags(), "createdAt", t.createdAt().toString(),
        "updatedAt", t.updatedAt().toString(), "solvedAt", text(t.solvedAt()),
        "closedAt", text(t.closedAt()),
        "mergedInto", t.mergedInto() == null ? null : t.mergedInto().toString(),
        "nextDeadline", text(t.nextDeadline()));
  }

  /** The ticket with its thread, history, links and SLA, for staff. */
  Map<String, Object> detail(TicketService.TicketDetail d) {
    Map<String, Object> json = summary(d.ticket());
    json.put("entries", d.entries().stream().map(this::entry).toList());
    json.put("history", d.events().stream().map(e -> ApiJson.object("kind", e.kind(),
        "actor", actor(e.actor()), "detail", e.detail(), "at", e.at().toString())).toList());
    json.put("links", d.links().stream().map(l -> ApiJson.object("conversationId",
        l.conversationId().toString(), "relation", l.relation(), "at", l.at().toString()))
        .toList());
    TicketSla sla = d.sla();
    json.put("sla", ApiJson.object("policy", sla.policyId() == null ? null
            : ApiJson.object("id", sla.policyId(), "name", sla.policyName()),
        "clocks", sla.clocks().stream().map(TicketJson::clock).toList()));
    return json;
  }

  /** A clock as the engine computed it (a chat's, computed when asked). */
  static Map<String, Object> clock(SlaClock c) {
    return ApiJson.object("metric", c.metric().wire(), "cycle", c.cycle(),
        "state", c.state().wire(), "startedAt", text(c.startedAt()),
        "stoppedAt", text(c.stoppedAt()), "targetSeconds", c.target().toSeconds(),
        "elapsedSeconds", c.elapsed().toSeconds(), "atRiskAt", text(c.atRiskAt()),
        "deadline", text(c.deadline()), "breached", c.breached());
  }

  private static Map<String, Object> clock(SlaClockRow c) {
    return ApiJson.object("metric", c.metric(), "cycle", c.cycle(), "state", c.state(),
        "startedAt", text(c.startedAt()), "stoppedAt", text(c.stoppedAt()),
        "targetSeconds", c.targetSeconds(), "elapsedSeconds", c.elapsedSeconds(),
        "atRiskAt", text(c.atRiskAt()), "deadline", text(c.deadline()),
        "breached", c.breached());
  }

  /** An entry for staff, with its mail: the mail it came in as, or its deliveries by mail. */
  Map<String, Object> entry(TicketEntry e) {
    return ApiJson.object("id", e.id(), "kind", e.kind().wire(), "author", author(e),
        "body", e.body(), "proposedSolution", e.proposedSolution(), "call", e.call(),
        "attachments", attachments(e), "at", e.createdAt().toString(),
        "mail", mail.computeIfAbsent(e.ticketId(), this::mailByEntry).get(e.id()),
        "delivery", e.kind() != TicketEntry.Kind.REPLY ? null
            : deliveries.computeIfAbsent(e.ticketId(),
                id -> TicketMailApi.deliveries(stores, id)).getOrDefault(e.id(), List.of()));
  }

  private Map<Long, Map<String, Object>> mailByEntry(UUID ticketId) {
    Map<Long, Map<String, Object>> byEntry = new HashMap<>();
    stores.mail().forTicket(ticketId).stream()
        .filter(m -> m.direction().equals("in") && m.entryId() != null)
        .forEach(m -> byEntry.put(m.entryId(), ApiJson.object("mailId", m.id(),
            "messageId", m.messageId(), "from", m.sender(), "to", m.recipient(),
            "html", m.html() != null)));
    return byEntry;
  }

  /** What the requester sees of their ticket: the public thread, agents by name only. */
  Map<String, Object> forRequester(Ticket t, List<TicketEntry> publicEntries) {
    Map<String, Object> json = requesterSummary(t);
    json.put("entries", publicEntries.stream().map(this::requesterEntry).toList());
    return json;
  }

  Map<String, Object> requesterSummary(Ticket t) {
    return ApiJson.object("id", t.id().toString(), "number", t.number(), "subject", t.subject(),
        "status", t.status().wire(), "createdAt", t.createdAt().toString(),
        "updatedAt", t.updatedAt().toString());
  }

  Map<String, Object> requesterEntry(TicketEntry e) {
    Object author = e.kind() == TicketEntry.Kind.REPLY
        ? ApiJson.object("name", user(e.authorId()).map(User::displayName).orElse(null)) : null;
    return ApiJson.object("id", e.id(), "kind", e.kind().wire(), "author", author,
        "body", e.body(), "attachments", attachments(e), "at", e.createdAt().toString());
  }

  /** The entry's files with fresh links (the ticket's are read once per answer). */
  private List<Map<String, Object>> attachments(TicketEntry e) {
    Map<Long, List<AttachmentRef>> byEntry = attachments.computeIfAbsent(e.ticketId(), ticket -> {
      Map<Long, List<AttachmentRef>> map = new HashMap<>();
      for (Attachment a : stores.attachments().ofTicket(ticket)) {
        map.computeIfAbsent(a.ticketEntryId(), entry -> new java.util.ArrayList<>()).add(a.ref());
      }
      return map;
    });
    return AttachmentJson.all(byEntry.getOrDefault(e.id(), List.of()), links);
  }

  private Map<String, Object> author(TicketEntry e) {
    if (e.kind() == TicketEntry.Kind.CUSTOMER) {
      UUID id = parse(e.authorId());
      return ApiJson.object("id", e.authorId(), "role", "customer",
          "name", id == null ? null : contact(id).map(Contact::name).orElse(null));
    }
    Optional<User> user = user(e.authorId());
    return ApiJson.object("id", e.authorId(), "name", user.map(User::displayName).orElse(null),
        "role", user.map(u -> u.role().name().toLowerCase(java.util.Locale.ROOT)).orElse(null));
  }

  private Map<String, Object> actor(String actor) {
    return ApiJson.object("id", actor, "name", user(actor).map(User::displayName)
        .or(() -> Optional.ofNullable(parse(actor)).flatMap(this::contact).map(Contact::name))
        .orElse(null));
  }

  private Map<String, Object> person(UUID userId) {
    return ApiJson.object("id", userId.toString(),
        "name", user(userId.toString()).map(User::displayName).orElse(null));
  }

  private Optional<User> user(String id) {
    UUID uuid = parse(id);
    return uuid == null ? Optional.empty()
        : users.computeIfAbsent(uuid, key -> stores.users().find(key));
  }

  private Optional<Contact> contact(UUID id) {
    return contacts.computeIfAbsent(id, key -> stores.contacts().find(key));
  }

  private static UUID parse(String id) {
    try {
      return id == null ? null : UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
