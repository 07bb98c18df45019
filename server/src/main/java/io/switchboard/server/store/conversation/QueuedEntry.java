package io.switchboard.server.store.conversation;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A conversation waiting in a queue, as PostgreSQL records it: what routing needs to put it back
 * in its place in Redis.
 *
 * @param language the conversation's language tag, or null
 *
 * <p>Immutable and thread-safe.
 */
public record QueuedEntry(String queueId, UUID conversationId, int priority, Instant enqueuedAt,
    String language) {
  public QueuedEntry {
    Objects.requireNonNull(queueId, "queueId");
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(enqueuedAt, "enqueuedAt");
  }

  /** An entry without a language. */
  public QueuedEntry(String queueId, UUID conversationId, int priority, Instant enqueuedAt) {
    this(queueId, conversationId, priority, enqueuedAt, null);
  }
}
