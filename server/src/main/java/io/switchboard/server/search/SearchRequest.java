package io.switchboard.server.search;

import io.switchboard.server.store.search.SearchCursor;
import java.time.Instant;
import java.util.UUID;

/**
 * A search as a staff member asked for it, already parsed; {@link SearchService} checks that it
 * makes sense.
 *
 * <p>Immutable and thread-safe.
 *
 * @param q the words, as typed
 * @param kind {@code all}, {@code messages}, {@code tickets}, {@code contacts} or
 *     {@code companies}
 * @param from the earliest time, inclusive; null for none
 * @param to the latest time, exclusive; null for none
 * @param cursor where the previous page ended; null for the first page
 */
public record SearchRequest(String q, String kind, Instant from, Instant to, String siteId,
    String teamId, UUID agentId, String status, String tag, Integer rating, String channel,
    int limit, SearchCursor cursor) {}
