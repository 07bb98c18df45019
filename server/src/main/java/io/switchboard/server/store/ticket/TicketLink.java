package io.switchboard.server.store.ticket;

import java.time.Instant;
import java.util.UUID;

/**
 * A chat a ticket came from ({@code source}) or spawned ({@code spawned}).
 *
 * <p>Immutable and thread-safe.
 */
public record TicketLink(UUID conversationId, String relation, Instant at) {}
