package io.switchboard.server.routing;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A conversation waiting in a queue, as PostgreSQL records it; used to rebuild Redis after it lost
 * its data.
 *
 * <p>Immutable and thread-safe.
 */
public record QueuedEntry(String queueId, UUID conversationId, int priority, Instant enqueuedAt) {
  public QueuedEntry {
    Objects.requireNonNull(queueId, "queueId");
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(enqueuedAt, "enqueuedAt");
  }
}
