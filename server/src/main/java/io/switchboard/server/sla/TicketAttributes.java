package io.switchboard.server.sla;

import io.switchboard.server.store.ticket.TicketChannel;
import io.switchboard.server.store.ticket.TicketPriority;
import io.switchboard.server.store.ticket.TicketType;
import java.util.Set;

/**
 * What SLA policy conditions look at: a ticket's priority, type, queue and channel, and its
 * requester's tags.
 *
 * <p>Immutable and thread-safe.
 */
public record TicketAttributes(TicketPriority priority, TicketType type, String queueId,
    TicketChannel channel, Set<String> contactTags) {
  public TicketAttributes {
    contactTags = Set.copyOf(contactTags);
  }
}
