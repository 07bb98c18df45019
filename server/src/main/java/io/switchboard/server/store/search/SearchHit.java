package io.switchboard.server.store.search;

import java.time.Instant;
import java.util.UUID;

/**
 * One row a search found, with the ids that open it and the key that orders it: newest first,
 * then by kind ({@link SearchKind#rank}), then by {@code id} and {@code number} descending.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what was found
 * @param at when the message or entry was written, or the contact or company created
 * @param text the whole text that matched (message body, entry body, subject, contact details)
 * @param id the conversation, ticket, contact or company
 * @param number the message's seq, the ticket entry's id (0 for the subject), else 0
 * @param ticketNumber the ticket's number per site; 0 for other kinds
 * @param title the ticket's subject, contact's or company's name; null for messages
 */
public record SearchHit(SearchKind kind, Instant at, String text, UUID id, long number,
    long ticketNumber, String title) {

  /** Where the page after this hit starts. */
  public SearchCursor cursor() {
    return new SearchCursor(at, kind.rank(), id, number);
  }
}
