package io.switchboard.server.routing;

import java.util.Objects;
import java.util.UUID;

/**
 * A waiting conversation paired with the agent chosen for it. The agent's load already counts it,
 * and the pairing is in the queue's claim journal under {@code claimId}: the caller records the
 * assignment in PostgreSQL with that claim id and then settles the claim
 * ({@link RoutingStore#settle}); {@link RoutingStore#release} gives the capacity back when the
 * conversation ends.
 *
 * <p>Immutable and thread-safe.
 *
 * @param claimId the journal entry of this pairing; null only in values built for comparison
 */
public record Assignment(UUID conversationId, UUID agentId, String queueId, String claimId) {
  public Assignment {
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(queueId, "queueId");
  }

  /** A pairing without its claim id, to compare what was chosen. */
  public Assignment(UUID conversationId, UUID agentId, String queueId) {
    this(conversationId, agentId, queueId, null);
  }

  /** This pairing without its claim id. */
  public Assignment withoutClaim() {
    return new Assignment(conversationId, agentId, queueId);
  }
}
