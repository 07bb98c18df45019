package io.switchboard.server.store.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * One mail of the outbox: a public reply to send to one recipient.
 *
 * <p>Immutable and thread-safe.
 *
 * @param state {@code queued} (waiting for its next attempt), {@code sent} (the SMTP server
 *     accepted it) or {@code failed} (refused for good, or out of attempts)
 * @param attempts how many times sending was tried
 * @param lastError the SMTP server's answer, or the connection error, of the last failed attempt
 */
public record OutboxItem(long id, long entryId, UUID ticketId, String recipient, String messageId,
    String state, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
    Instant sentAt) {}
