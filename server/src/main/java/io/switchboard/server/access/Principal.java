package io.switchboard.server.access;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who holds a connection or a REST request: a visitor (scoped to one contact of one site) or a
 * staff user (agent, supervisor, admin).
 *
 * <p>Immutable and thread-safe.
 *
 * @param role {@link Role#VISITOR} or a staff role
 * @param id the contact id for visitors, the user id for staff
 * @param siteId the visitor's site; null for staff
 * @param name display name, may be null for visitors
 * @param capacity the most chats at once (staff only)
 * @param queues queue memberships (staff only)
 * @param tokenHash SHA-256 of the staff token, to re-check revocation; null for visitors
 * @param teamQueues the queues owned by the staff member's teams, as of authentication: a
 *     supervisor oversees these, an agent may read their conversations (staff only)
 */
public record Principal(
    Role role, String id, String siteId, String name, int capacity, List<String> queues,
    byte[] tokenHash, Set<String> teamQueues) {
  public Principal {
    Objects.requireNonNull(role, "role");
    queues = queues == null ? List.of() : List.copyOf(queues);
    teamQueues = teamQueues == null ? Set.of() : Set.copyOf(teamQueues);
  }

  /** The same staff member with the queues their teams own now. */
  public Principal withTeamQueues(Set<String> queues) {
    return new Principal(role, id, siteId, name, capacity, this.queues, tokenHash, queues);
  }

  /** A visitor of one site, standing for one contact. */
  public static Principal visitor(String contactId, String siteId) {
    return new Principal(Role.VISITOR, contactId, siteId, null, 0, null, null, null);
  }

  /** Whether the queue belongs to one of the staff member's teams. */
  public boolean inTeamQueue(String queueId) {
    return queueId != null && teamQueues.contains(queueId);
  }

  public boolean isVisitor() {
    return role == Role.VISITOR;
  }

  public boolean isStaff() {
    return !isVisitor();
  }
}
