package io.switchboard.server.store.ticket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A ticket's row: the case, where it stands, and who works it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param number the per-site number people say aloud ({@code #1042})
 * @param contactId the requester
 * @param requesterName the name the requester gave for this ticket, if any
 * @param requesterEmail the address the requester gave for this ticket, if any
 * @param queueId the team queue that works it; null when none is set
 * @param assigneeId the agent who works it; null when unassigned
 * @param mergedInto the surviving ticket when this one was merged into it
 * @param nextDeadline the earliest deadline among its running SLA clocks
 * @param slaPolicyId the SLA policy that applies, once clocks were computed
 */
public record Ticket(UUID id, String siteId, long number, String subject, UUID contactId,
    String requesterName, String requesterEmail, TicketChannel channel, TicketType type,
    TicketPriority priority, TicketStatus status, String queueId, UUID assigneeId,
    List<String> tags, Instant createdAt, Instant updatedAt, Instant solvedAt, Instant closedAt,
    UUID mergedInto, Instant nextDeadline, Long slaPolicyId) {
  public Ticket {
    tags = List.copyOf(tags);
  }
}
