package io.switchboard.server.ticket;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Role;
import io.switchboard.server.delivery.DeliveryService;
import io.switchboard.server.store.team.Team;
import io.switchboard.server.store.team.TeamDao;
import io.switchboard.server.store.ticket.Ticket;
import io.switchboard.server.store.user.User;
import io.switchboard.server.store.user.UserDao;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Tells the people who work a ticket that it changed, on every node through their user
 * channels: its assignee (before and after), the members of the teams that own its queue (before
 * and after) and the admins; and its requester, for the changes they may see. Pub/sub may lose a
 * message; the console refetches its views when it reconnects.
 *
 * <p>Thread-safe; call it from a thread that may block (it reads teams and users).
 */
final class TicketNotifier {
  private final DeliveryService delivery;
  private final TeamDao teams;
  private final UserDao users;

  TicketNotifier(DeliveryService delivery, TeamDao teams, UserDao users) {
    this.delivery = delivery;
    this.teams = teams;
    this.users = users;
  }

  /** {@code before} may be null (a new ticket); {@code requester}: the requester may see it. */
  void changed(Ticket before, Ticket after, String change, boolean requester, Instant at) {
    ServerMessage event = new ServerMessage.TicketChanged(after.id().toString(), after.siteId(),
        after.number(), after.status().wire(), change, at);
    Set<UUID> staff = new LinkedHashSet<>();
    if (before != null) {
      staff.addAll(workers(before, false));
    }
    staff.addAll(workers(after, false));
    staff.forEach(id -> delivery.publishToUser(id.toString(), event));
    if (requester) {
      delivery.publishToUser(after.contactId().toString(), event);
    }
  }

  /** An SLA alert: to the assignee and the team's supervisors, or the whole team when unassigned. */
  void alert(Ticket ticket, ServerMessage.SlaAlert alert) {
    workers(ticket, true).forEach(id -> delivery.publishToUser(id.toString(), alert));
  }

  /**
   * Who works the ticket: its assignee, the admins, and the members of the teams owning its
   * queue ({@code supervisorsOnly}: of those members only the supervisors, unless nobody holds
   * the ticket).
   */
  private Set<UUID> workers(Ticket ticket, boolean supervisorsOnly) {
    Set<UUID> ids = new LinkedHashSet<>();
    if (ticket.assigneeId() != null) {
      ids.add(ticket.assigneeId());
    }
    Set<UUID> members = new LinkedHashSet<>();
    for (Team team : teams.all()) {
      if (ticket.queueId() != null && team.queueIds().contains(ticket.queueId())) {
        members.addAll(team.memberIds());
      }
    }
    boolean narrow = supervisorsOnly && ticket.assigneeId() != null;
    for (User user : users.active()) {
      if (user.role() == Role.ADMIN
          || (members.contains(user.id()) && (!narrow || user.role() == Role.SUPERVISOR))) {
        ids.add(user.id());
      }
    }
    return ids;
  }
}
