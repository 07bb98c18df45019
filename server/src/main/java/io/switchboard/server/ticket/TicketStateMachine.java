package io.switchboard.server.ticket;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.attachment.AttachmentChecks;
import io.switchboard.server.store.ticket.Ticket;
import io.switchboard.server.store.ticket.TicketDao;
import io.switchboard.server.store.ticket.TicketEntry;
import io.switchboard.server.store.ticket.TicketStatus;
import io.switchboard.server.store.ticket.TicketWrites.Outcome;
import io.switchboard.server.store.ticket.TicketWrites;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The one owner of a ticket's state after it exists. Every change (reply, note, call, the
 * requester's reply, status, fields, assignment, merge, closing solved tickets) goes the same three
 * steps: who asks is checked with {@link TicketAccess}, and the move with {@link TicketWorkflow};
 * the store writes it with its event under the ticket's row lock, checking the status again; then
 * the SLA clocks are recomputed and the change is published. Creating tickets is
 * {@link TicketIntake}'s.
 *
 * <p>Thread-safe. Every method blocks on the database: call it on the store executor.
 */
public final class TicketStateMachine {
  private final TicketDao tickets;
  private final TicketWrites writes;
  private final Stores stores;
  private final TicketClocks clocks;
  private final TicketNotifier notifier;
  private final TicketLoad load;
  private final Clock clock;

  TicketStateMachine(Stores stores, TicketClocks clocks, TicketNotifier notifier, TicketLoad load,
      Clock clock) {
    this.tickets = stores.tickets();
    this.writes = stores.tickets().writes();
    this.stores = stores;
    this.clocks = clocks;
    this.notifier = notifier;
    this.load = load;
    this.clock = clock;
  }

  /** The ticket, if the principal may read it ({@code NOT_FOUND} otherwise, as for no ticket). */
  public Ticket readable(Principal principal, UUID id) {
    Ticket ticket = tickets.find(id).orElseThrow(TicketAccess::notFound);
    TicketAccess.require(principal,
        principal.isVisitor() ? Action.OWN_TICKET : Action.WORK_TICKET, ticket);
    return ticket;
  }

  /**
   * A public reply by staff; {@code status} (may be null) is where the ticket goes with it. A
   * reply on a new ticket opens it.
   */
  public Outcome reply(Principal staff, UUID id, String text, boolean proposedSolution,
      TicketStatus status) {
    return reply(staff, id, text, proposedSolution, status, List.of());
  }

  /** A public reply carrying {@code attachments} (uploads of the same staff member). */
  public Outcome reply(Principal staff, UUID id, String text, boolean proposedSolution,
      TicketStatus status, List<UUID> attachments) {
    Ticket ticket = readable(staff, id);
    checkAttachments(staff, ticket, attachments);
    TicketStatus target = status != null ? status
        : ticket.status() == TicketStatus.NEW ? TicketStatus.OPEN : null;
    if (target != null && target != ticket.status()) {
      TicketWorkflow.check(ticket.status(), target);
    }
    return entry(staff, ticket, new TicketDao.NewEntry(TicketEntry.Kind.REPLY, staff.id(), text,
        proposedSolution, null, attachments), proposedSolution ? "solution" : "reply",
        target == null || target == ticket.status() ? Set.of() : TicketWorkflow.from(target),
        target, true);
  }

  /** An internal note: never shown to the requester. */
  public Outcome note(Principal staff, UUID id, String text) {
    return note(staff, id, text, List.of());
  }

  /** An internal note carrying {@code attachments}: staff only ever see them. */
  public Outcome note(Principal staff, UUID id, String text, List<UUID> attachments) {
    Ticket ticket = readable(staff, id);
    checkAttachments(staff, ticket, attachments);
    return entry(staff, ticket, new TicketDao.NewEntry(TicketEntry.Kind.NOTE, staff.id(), text,
        false, null, attachments), "note", Set.of(), null, false);
  }

  /** A logged phone call: the call's service record in the thread (internal). */
  public Outcome call(Principal staff, UUID id, String summary, Map<String, String> call) {
    Ticket ticket = readable(staff, id);
    return entry(staff, ticket, new TicketDao.NewEntry(TicketEntry.Kind.CALL, staff.id(), summary,
        false, call), "call", Set.of(), null, false);
  }

  /** The requester writes from the widget: a pending or solved ticket opens again. */
  public Outcome customerReply(Principal visitor, UUID id, String text) {
    return customerReply(visitor, id, text, List.of());
  }

  /** The requester writes with {@code attachments} (their own uploads). */
  public Outcome customerReply(Principal visitor, UUID id, String text, List<UUID> attachments) {
    Ticket ticket = readable(visitor, id);
    checkAttachments(visitor, ticket, attachments);
    return entry(visitor, ticket, new TicketDao.NewEntry(TicketEntry.Kind.CUSTOMER,
        visitor.id(), text, false, null, attachments), "customer_message", TicketWorkflow.REOPENED_BY_CUSTOMER,
        TicketStatus.OPEN, true);
  }

  public Ticket setStatus(Principal staff, UUID id, TicketStatus status) {
    Ticket ticket = readable(staff, id);
    TicketWorkflow.check(ticket.status(), status);
    Outcome outcome = writes.changeStatus(id, TicketWorkflow.from(status), status, staff.id(),
            clock.instant())
        .orElseThrow(() -> raced(id, status));
    return after(outcome, "status", true);
  }

  /** Changes fields; giving the ticket to someone other than oneself needs {@code ASSIGN_TICKET}. */
  public Ticket update(Principal staff, UUID id, TicketWrites.Changes changes) {
    Ticket ticket = readable(staff, id);
    requireOpen(ticket);
    if (changes.setAssignee()) {
      checkAssignee(staff, ticket, changes.assignee());
    }
    if (changes.setQueue()) {
      if (changes.queueId() == null) {
        throw new SwitchboardException(ErrorCode.INVALID_FIELD, "queue: a ticket needs a queue");
      }
      stores.lookups().queue(changes.queueId())
          .filter(queue -> queue.siteId().equals(ticket.siteId()))
          .orElseThrow(() -> new SwitchboardException(ErrorCode.INVALID_FIELD,
              "queue: no queue " + changes.queueId() + " on this ticket's site"));
    }
    Outcome outcome = writes.update(id, TicketWorkflow.ACTIVE_OR_SOLVED, changes, staff.id(),
        clock.instant()).orElseThrow(() -> raced(id, null));
    return after(outcome, changeName(changes), false);
  }

  /** Takes an unassigned ticket (or one already one's own). */
  public Ticket take(Principal staff, UUID id) {
    Ticket ticket = readable(staff, id);
    requireOpen(ticket);
    UUID me = UUID.fromString(staff.id());
    if (ticket.assigneeId() != null && !ticket.assigneeId().equals(me)) {
      throw new SwitchboardException(ErrorCode.CONFLICT, "ticket: someone holds it already");
    }
    return update(staff, id, new TicketWrites.Changes(null, null, null, null, false, null, true,
        me));
  }

  /** Merges {@code id} into {@code into}; answers the survivor. */
  public Ticket merge(Principal staff, UUID id, UUID into) {
    if (id.equals(into)) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "into: a ticket cannot be merged into itself");
    }
    Ticket source = readable(staff, id);
    Ticket target = readable(staff, into);
    requireOpen(source);
    requireOpen(target);
    if (!source.siteId().equals(target.siteId())) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "into: a ticket of another site");
    }
    Outcome outcome = writes.merge(id, into, TicketWorkflow.ACTIVE_OR_SOLVED, staff.id(),
        clock.instant()).orElseThrow(() -> raced(id, null));
    clocks.recompute(id);
    Ticket merged = tickets.find(id).orElseThrow();
    notifier.changed(outcome.before(), merged, "merged", true, clock.instant());
    load.changed(outcome.before(), merged);
    return after(new Outcome(target, outcome.after(), null), "merged", true);
  }

  /** Closes one solved ticket whose auto-close time has come; false when it is no longer solved. */
  public boolean autoClose(UUID id) {
    Optional<Outcome> outcome = writes.changeStatus(id, EnumSet.of(TicketStatus.SOLVED),
        TicketStatus.CLOSED, "system", clock.instant());
    outcome.ifPresent(done -> after(done, "status", true));
    return outcome.isPresent();
  }

  /**
   * Throws unless the uploads are the principal's own, not on another entry, and within the
   * ticket's site's rules.
   */
  private void checkAttachments(Principal principal, Ticket ticket, List<UUID> attachments) {
    if (attachments.isEmpty()) {
      return;
    }
    AttachmentChecks.check(attachments, stores.attachments().findAll(attachments),
        ticket.siteId(), principal.isVisitor() ? "visitor" : "staff", principal.id(),
        stores.attachmentPolicies().policy(ticket.siteId()), a -> a.ticketId() != null);
  }

  private Outcome entry(Principal principal, Ticket ticket, TicketDao.NewEntry entry,
      String eventKind, Set<TicketStatus> moveFrom, TicketStatus moveTo, boolean requester) {
    requireOpen(ticket);
    Outcome outcome = writes.addEntry(ticket.id(), TicketWorkflow.ACTIVE_OR_SOLVED, entry,
            eventKind, moveFrom, moveTo, principal.id(), clock.instant())
        .orElseThrow(() -> raced(ticket.id(), null));
    after(outcome, entry.kind() == TicketEntry.Kind.CUSTOMER ? "reply" : entry.kind().wire(),
        requester);
    return outcome;
  }

  private Ticket after(Outcome outcome, String change, boolean requester) {
    clocks.recompute(outcome.after().id());
    Ticket now = tickets.find(outcome.after().id()).orElseThrow();
    boolean statusChanged = outcome.before().status() != now.status();
    notifier.changed(outcome.before(), now, change, requester || statusChanged, clock.instant());
    load.changed(outcome.before(), now);
    return now;
  }

  private void checkAssignee(Principal staff, Ticket ticket, UUID assignee) {
    boolean self = assignee != null && assignee.toString().equals(staff.id());
    boolean releasingOwn = assignee == null && ticket.assigneeId() != null
        && ticket.assigneeId().toString().equals(staff.id());
    if (!self && !releasingOwn
        && !AccessPolicy.permitsQueue(staff, Action.ASSIGN_TICKET, ticket.queueId())) {
      throw new SwitchboardException(ErrorCode.FORBIDDEN, Action.ASSIGN_TICKET.refusal());
    }
    if (assignee != null && stores.users().find(assignee)
        .filter(user -> !user.disabled()).isEmpty()) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "assignee: no such active user");
    }
  }

  private static void requireOpen(Ticket ticket) {
    if (ticket.status() == TicketStatus.CLOSED) {
      throw new SwitchboardException(ErrorCode.CONFLICT, "ticket: #" + ticket.number()
          + " is closed; a closed ticket is final, open a new one");
    }
  }

  private SwitchboardException raced(UUID id, TicketStatus wanted) {
    Ticket now = tickets.find(id).orElseThrow(TicketAccess::notFound);
    return wanted != null ? TicketWorkflow.refusal(now.status(), wanted)
        : new SwitchboardException(ErrorCode.CONFLICT,
            "ticket: it changed meanwhile and is now " + now.status().wire());
  }

  private static String changeName(TicketWrites.Changes changes) {
    return changes.setAssignee() ? (changes.assignee() == null ? "unassigned" : "assigned")
        : changes.priority() != null ? "priority" : changes.type() != null ? "type"
        : changes.setQueue() ? "queue" : changes.tags() != null ? "tags" : "subject";
  }
}
