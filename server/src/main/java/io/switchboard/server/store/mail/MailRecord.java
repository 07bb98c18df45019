package io.switchboard.server.store.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * One mail received or sent, without its raw bytes.
 *
 * <p>Immutable and thread-safe.
 *
 * @param messageId the Message-ID without angle brackets
 * @param direction {@code in} or {@code out}
 * @param source {@code smtp}, {@code imap} or {@code outbox}
 * @param state {@code received}, {@code ticket}, {@code reply}, {@code ignored} or {@code sent}
 * @param ignoredReason why an ignored mail was ignored (such as {@code auto_submitted})
 * @param entryId the ticket entry it became or was sent for
 * @param html the sanitized HTML of an HTML mail
 */
public record MailRecord(long id, String messageId, String direction, String source, String state,
    String ignoredReason, UUID addressId, String siteId, UUID ticketId, Long entryId,
    String sender, String recipient, String subject, String html, Instant receivedAt) {}
