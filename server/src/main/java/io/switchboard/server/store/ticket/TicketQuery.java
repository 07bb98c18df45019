package io.switchboard.server.store.ticket;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Which tickets a list shows. The scope comes first: the tickets in {@code scopeQueues} or
 * assigned to {@code scopeUser} ({@code scopeQueues} null: every ticket, for admins). The filters
 * narrow it; an empty set or a null value does not filter. Lists are sorted by the next SLA
 * deadline (none last), then by age.
 *
 * <p>Immutable and thread-safe.
 *
 * @param unassigned only tickets nobody holds (ignored when {@code assignee} is set)
 * @param deadlineBefore only tickets whose next deadline is before this instant
 */
public record TicketQuery(Set<String> scopeQueues, UUID scopeUser, Set<TicketStatus> statuses,
    Set<TicketPriority> priorities, Set<TicketType> types, Set<TicketChannel> channels,
    Set<String> queues, UUID assignee, boolean unassigned, String tag, Instant createdFrom,
    Instant createdTo, Instant deadlineBefore, Long number, UUID contactId, int limit,
    int offset) {
  public TicketQuery {
    scopeQueues = scopeQueues == null ? null : Set.copyOf(scopeQueues);
    statuses = Set.copyOf(statuses);
    priorities = Set.copyOf(priorities);
    types = Set.copyOf(types);
    channels = Set.copyOf(channels);
    queues = Set.copyOf(queues);
  }

  /** Every ticket in scope, newest deadlines first, the first {@code limit}. */
  public static TicketQuery scope(Set<String> scopeQueues, UUID scopeUser, int limit) {
    return new TicketQuery(scopeQueues, scopeUser, Set.of(), Set.of(), Set.of(), Set.of(),
        Set.of(), null, false, null, null, null, null, null, null, limit, 0);
  }
}
