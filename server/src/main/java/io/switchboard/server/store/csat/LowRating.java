package io.switchboard.server.store.csat;

import java.util.UUID;

/**
 * A rating of 1 or 2 that has no complaint yet: of a chat ({@code conversationId} set) or of a
 * ticket ({@code ticketId} set, with its number and subject).
 *
 * <p>Immutable and thread-safe.
 *
 * @param queueId the rated chat's or ticket's queue (may be null)
 * @param comment the requester's comment (may be null)
 */
public record LowRating(UUID conversationId, UUID ticketId, Long ticketNumber,
    String ticketSubject, String siteId, UUID contactId, String queueId, int score,
    String comment) {
  /** Whether a chat was rated (else a ticket). */
  public boolean chat() {
    return conversationId != null;
  }
}
