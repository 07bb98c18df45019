package io.switchboard.server.store.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * One event for one webhook in the outbox: what to send ({@code payload}, the exact body), in
 * which order ({@code orderingKey}, then {@code id}), and how its attempts went.
 *
 * <p>Immutable and thread-safe.
 *
 * @param status {@code pending}, {@code delivered} or {@code failed}
 * @param lastStatus the HTTP status of the last attempt, null when it got no answer
 */
public record WebhookDelivery(long id, UUID webhookId, String eventId, String eventType,
    String orderingKey, String payload, String status, int attempts, Instant windowStart,
    Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatus, String lastError,
    Instant deliveredAt, Instant createdAt) {}
