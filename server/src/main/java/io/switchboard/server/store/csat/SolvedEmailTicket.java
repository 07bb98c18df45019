package io.switchboard.server.store.csat;

import java.time.Instant;
import java.util.UUID;

/**
 * A solved email ticket that has no rating request yet, with what its request needs: where to
 * send it and the signs of the requester's language.
 *
 * <p>Immutable and thread-safe.
 *
 * @param recipient the requester's address (the ticket's, else the contact's), lower case
 * @param contactLanguage the language the widget reported for the contact (may be null)
 * @param siteLanguage the site's widget language ({@code auto}, {@code en} or {@code zh-CN})
 * @param firstWords the start of the requester's first entry (may be null)
 */
public record SolvedEmailTicket(UUID ticketId, String siteId, long number, String subject,
    UUID contactId, String requesterName, String recipient, String contactLanguage,
    String siteLanguage, String firstWords, Instant solvedAt) {}
