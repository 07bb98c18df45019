package io.switchboard.server.store.ticket;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Tickets: creating them with the next number of their site, reading them with their thread,
 * history and linked chats, and listing them for the console's views. The transitions that change
 * a ticket are in {@link TicketWrites}; only the ticket state machine calls them.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class TicketDao {
  /** A ticket to open; {@code firstEntry} (may be null) starts its thread. */
  public record NewTicket(String siteId, UUID contactId, String requesterName,
      String requesterEmail, String subject, TicketChannel channel, TicketType type,
      TicketPriority priority, String queueId, UUID assigneeId, List<String> tags,
      NewEntry firstEntry, UUID sourceConversation, String actor) {}

  /**
   * An entry to add to a thread; {@code call} only for kind CALL; {@code attachments} are
   * uploads (checked by the caller) linked to the entry in its transaction.
   */
  public record NewEntry(TicketEntry.Kind kind, String authorId, String body,
      boolean proposedSolution, Map<String, String> call, List<UUID> attachments) {
    public NewEntry {
      attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** An entry without attachments. */
    public NewEntry(TicketEntry.Kind kind, String authorId, String body, boolean proposedSolution,
        Map<String, String> call) {
      this(kind, authorId, body, proposedSolution, call, List.of());
    }
  }

  private final Jdbi jdbi;
  private final TicketWrites writes;

  public TicketDao(Jdbi jdbi) {
    this(jdbi, (handle, ticket, entry, at) -> { });
  }

  /** {@code hook} hears of every entry added to a thread, inside its transaction. */
  public TicketDao(Jdbi jdbi, TicketWrites.EntryHook hook) {
    this.jdbi = jdbi;
    this.writes = new TicketWrites(jdbi, hook);
  }

  /** The transitions; for the ticket state machine only. */
  public TicketWrites writes() {
    return writes;
  }

  /**
   * Claims what a ticket is opened for, inside the transaction that opens it: answers false when
   * it was claimed before (the ticket is then not opened).
   */
  @FunctionalInterface
  public interface Claim {
    boolean claim(Handle handle, UUID ticketId, Instant at);
  }

  /** Opens the ticket with the next number of its site, its first entry, event and link. */
  public Ticket create(NewTicket ticket, Instant at) {
    return StoreFailures.call("create ticket", () -> jdbi.inTransaction(handle ->
        insert(handle, ticket, at)));
  }

  /**
   * Opens the ticket as {@link #create} does, only if {@code claim} succeeds in the same
   * transaction (a unique row, say): empty, with nothing stored, when it was claimed already.
   */
  public Optional<Ticket> createClaimed(NewTicket ticket, Instant at, Claim claim) {
    return StoreFailures.call("create ticket", () -> jdbi.inTransaction(handle -> {
      Ticket created = insert(handle, ticket, at);
      if (!claim.claim(handle, created.id(), at)) {
        handle.rollback();
        return Optional.<Ticket>empty();
      }
      return Optional.of(created);
    }));
  }

  private static Ticket insert(Handle handle, NewTicket ticket, Instant at) {
    long number = handle.createQuery("""
            INSERT INTO ticket_numbers (site_id, last_number) VALUES (:site, 1)
            ON CONFLICT (site_id) DO UPDATE SET last_number = ticket_numbers.last_number + 1
            RETURNING last_number""")
        .bind("site", ticket.siteId()).mapTo(Long.class).one();
    UUID id = UUID.randomUUID();
    handle.createUpdate("""
            INSERT INTO tickets (id, site_id, number, subject, contact_id, requester_name,
                requester_email, channel, type, priority, status, queue_id, assignee_id, tags,
                created_at, updated_at)
            VALUES (:id, :site, :number, :subject, :contact, :name, :email, :channel, :type,
                :priority, 'new', :queue, :assignee, :tags, :at, :at)""")
        .bind("id", id).bind("site", ticket.siteId()).bind("number", number)
        .bind("subject", ticket.subject()).bind("contact", ticket.contactId())
        .bind("name", ticket.requesterName()).bind("email", ticket.requesterEmail())
        .bind("channel", ticket.channel().wire()).bind("type", ticket.type().wire())
        .bind("priority", ticket.priority().wire()).bind("queue", ticket.queueId())
        .bind("assignee", ticket.assigneeId())
        .bindArray("tags", String.class, ticket.tags().toArray())
        .bind("at", StoreRows.timestamp(at))
        .execute();
    TicketRows.record(handle, id, "created", ticket.actor(), Map.of("channel",
        ticket.channel().wire(), "status", TicketStatus.NEW.wire(), "priority",
        ticket.priority().wire(), "type", ticket.type().wire()), at);
    if (ticket.assigneeId() != null) {
      TicketRows.record(handle, id, "assigned", ticket.actor(),
          Map.of("to", ticket.assigneeId()), at);
    }
    if (ticket.firstEntry() != null) {
      TicketWrites.insertEntry(handle, id, ticket.firstEntry(), at);
    }
    if (ticket.sourceConversation() != null) {
      TicketWrites.insertLink(handle, id, ticket.sourceConversation(), "source", at);
    }
    return read(handle, id).orElseThrow();
  }

  /** Records an event in the ticket's history (such as a follow-up ticket opened for it). */
  public void recordEvent(UUID ticketId, String kind, String actor, Map<String, Object> detail,
      Instant at) {
    StoreFailures.run("record ticket event", () -> jdbi.useHandle(handle ->
        TicketRows.record(handle, ticketId, kind, actor, detail, at)));
  }

  public Optional<Ticket> find(UUID id) {
    return StoreFailures.call("read ticket", () -> jdbi.withHandle(handle -> read(handle, id)));
  }

  public List<Ticket> list(TicketQuery query) {
    return StoreFailures.call("list tickets",
        () -> jdbi.withHandle(handle -> TicketListing.list(handle, query)));
  }

  /** The view counts within {@code scope} for the staff member {@code me}. */
  public TicketCounts counts(TicketQuery scope, UUID me, Instant soon) {
    return StoreFailures.call("count tickets",
        () -> jdbi.withHandle(handle -> TicketListing.counts(handle, scope, me, soon)));
  }

  /** The thread in order; only the customer's entries and public replies when {@code publicOnly}. */
  public List<TicketEntry> entries(UUID ticketId, boolean publicOnly) {
    return StoreFailures.call("read ticket thread", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT * FROM ticket_entries WHERE ticket_id = :id"
            + (publicOnly ? " AND kind IN ('customer', 'reply')" : "") + " ORDER BY id")
        .bind("id", ticketId)
        .map((rs, ctx) -> TicketRows.entry(rs)).list()));
  }

  public List<TicketEvent> events(UUID ticketId) {
    return StoreFailures.call("read ticket history",
        () -> jdbi.withHandle(handle -> events(handle, ticketId)));
  }

  /** The ticket's history in order, read on the caller's handle. */
  public static List<TicketEvent> events(Handle handle, UUID ticketId) {
    return handle.createQuery("SELECT id, kind, actor, detail::text AS detail, at"
            + " FROM ticket_events WHERE ticket_id = :id ORDER BY id")
        .bind("id", ticketId)
        .map((rs, ctx) -> TicketRows.event(rs)).list();
  }

  public List<TicketLink> links(UUID ticketId) {
    return StoreFailures.call("read ticket links", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT conversation_id, relation, created_at FROM ticket_links"
            + " WHERE ticket_id = :id ORDER BY created_at")
        .bind("id", ticketId)
        .map((rs, ctx) -> new TicketLink(StoreRows.uuid(rs, "conversation_id"),
            rs.getString("relation"), StoreRows.instant(rs, "created_at")))
        .list()));
  }

  /** The tickets linked to a chat, oldest first. */
  public List<Ticket> forConversation(UUID conversationId) {
    return StoreFailures.call("read chat tickets", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + TicketRows.COLUMNS + " FROM tickets t JOIN ticket_links l"
            + " ON l.ticket_id = t.id WHERE l.conversation_id = :id ORDER BY t.created_at")
        .bind("id", conversationId)
        .map((rs, ctx) -> TicketRows.ticket(rs)).list()));
  }

  /** Solved tickets whose site's auto-close period has passed by {@code now}, oldest first. */
  public List<UUID> dueToClose(Instant now, int limit) {
    return StoreFailures.call("find tickets to close", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT t.id FROM tickets t JOIN sites s ON s.id = t.site_id
            WHERE t.status = 'solved'
              AND t.solved_at + make_interval(days => s.ticket_auto_close_days) <= :now
            ORDER BY t.solved_at LIMIT :limit""")
        .bind("now", StoreRows.timestamp(now)).bind("limit", limit)
        .mapTo(UUID.class).list()));
  }

  /** The ticket, read on the caller's handle (inside its transaction). */
  public static Optional<Ticket> read(Handle handle, UUID id) {
    return handle.createQuery("SELECT " + TicketRows.COLUMNS + " FROM tickets t WHERE t.id = :id")
        .bind("id", id)
        .map((rs, ctx) -> TicketRows.ticket(rs)).findOne();
  }
}
