package io.switchboard.server.store.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * One mail of the outbox: a public reply (or a solved ticket's rating request) to send to one
 * recipient.
 *
 * <p>Immutable and thread-safe.
 *
 * @param state {@code queued} (waiting for its next attempt), {@code sent} (the SMTP server
 *     accepted it) or {@code failed} (refused for good, or out of attempts)
 * @param entryId the reply's thread entry; 0 for a rating request
 * @param attempts how many times sending was tried
 * @param lastError the SMTP server's answer, or the connection error, of the last failed attempt
 * @param kind {@link #REPLY} or {@link #RATING_REQUEST}
 * @param body the text of a rating request (null for a reply, whose text is its entry's)
 */
public record OutboxItem(long id, long entryId, UUID ticketId, String recipient, String messageId,
    String state, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
    Instant sentAt, String kind, String body) {
  /** The kind of a public reply's mail. */
  public static final String REPLY = "reply";
  /** The kind of a solved ticket's rating request, whose text is {@link #body}. */
  public static final String RATING_REQUEST = "rating_request";
}
