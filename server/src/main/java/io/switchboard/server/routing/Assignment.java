package io.switchboard.server.routing;

import java.util.Objects;
import java.util.UUID;

/**
 * A waiting conversation paired with the agent chosen for it. The agent's load already counts it;
 * the caller records the assignment in PostgreSQL and calls {@link RoutingStore#release} when the
 * conversation ends or the transition fails.
 *
 * <p>Immutable and thread-safe.
 */
public record Assignment(UUID conversationId, UUID agentId, String queueId) {
  public Assignment {
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(queueId, "queueId");
  }
}
