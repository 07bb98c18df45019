package io.switchboard.server.routing;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A conversation waiting in a queue, as PostgreSQL records it; used to rebuild Redis after it lost
 * its data.
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
