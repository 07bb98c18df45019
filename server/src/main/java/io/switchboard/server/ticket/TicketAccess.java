package io.switchboard.server.ticket;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Relation;
import io.switchboard.server.store.ticket.Ticket;
import io.switchboard.server.store.ticket.TicketQuery;
import io.switchboard.server.util.SwitchboardException;
import java.util.Set;
import java.util.UUID;

/**
 * How someone stands to a ticket, for the one permission policy: the requester's own
 * ({@link Relation#OWN}), assigned to a staff member, or in a queue one of their teams owns.
 *
 * <p>Stateless and thread-safe.
 */
public final class TicketAccess {
  private TicketAccess() {}

  public static Relation relation(Principal principal, Ticket ticket) {
    if (principal.isVisitor()) {
      return ticket.contactId().toString().equals(principal.id())
          && ticket.siteId().equals(principal.siteId()) ? Relation.OWN : Relation.NONE;
    }
    if (ticket.assigneeId() != null && ticket.assigneeId().toString().equals(principal.id())) {
      return Relation.ASSIGNED;
    }
    return principal.inTeamQueue(ticket.queueId()) ? Relation.TEAM : Relation.NONE;
  }

  /**
   * Throws unless the principal may take the action on the ticket. Someone who may not even
   * read it learns nothing about it: {@link ErrorCode#NOT_FOUND}, as for an unknown id.
   */
  public static void require(Principal principal, Action action, Ticket ticket) {
    AccessPolicy.requireRole(principal, action);
    Relation relation = relation(principal, ticket);
    if (!AccessPolicy.permits(principal, action, relation)) {
      Action read = principal.isVisitor() ? Action.OWN_TICKET : Action.WORK_TICKET;
      if (!AccessPolicy.permits(principal, read, relation)) {
        throw notFound();
      }
      throw new SwitchboardException(ErrorCode.FORBIDDEN, action.refusal());
    }
  }

  /** The tickets a staff member may list: their teams' queues and their own (admins: all). */
  public static TicketQuery scope(Principal staff, int limit) {
    Set<String> queues = AccessPolicy.permits(staff, Action.WORK_TICKET, Relation.NONE)
        ? null : staff.teamQueues();
    return TicketQuery.scope(queues, UUID.fromString(staff.id()), limit);
  }

  static SwitchboardException notFound() {
    return new SwitchboardException(ErrorCode.NOT_FOUND, "no such ticket");
  }
}
