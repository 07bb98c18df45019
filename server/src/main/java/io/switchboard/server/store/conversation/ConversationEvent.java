package io.switchboard.server.store.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a conversation's state history.
 *
 * @param kind {@code queued}, {@code assigned}, {@code accepted}, {@code closed} or {@code
 *     requeued}
 * @param actorId who caused it (a user id, {@code visitor}, {@code system} ...); may be null
 * @param detailJson a JSON object with details, {@code {}} when there are none
 *
 * <p>Immutable and thread-safe.
 */
public record ConversationEvent(
    long id, UUID conversationId, String kind, String actorId, String detailJson, Instant at) {}
