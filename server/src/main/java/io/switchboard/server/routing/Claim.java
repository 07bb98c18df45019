package io.switchboard.server.routing;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of a queue's claim journal in Redis: capacity of {@code agentId} taken for
 * {@code conversationId} by the assignment script or a transfer, not yet settled. While it is
 * {@code released}, the capacity was given back because PostgreSQL had not recorded the
 * assignment when the reconciler looked; it is kept a while in case the assignment is recorded
 * after all.
 *
 * <p>Immutable and thread-safe.
 *
 * @param at when it was claimed, or when it was released
 */
public record Claim(String id, String queueId, UUID conversationId, UUID agentId,
    boolean released, Instant at) {
  public Claim {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(queueId, "queueId");
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(at, "at");
  }

  /** How a claim ends; see {@code settle.lua}. */
  public enum Outcome {
    /** PostgreSQL recorded the assignment: the load stays (or is taken again once released). */
    RECORDED,
    /** PostgreSQL refused the assignment: the load is given back. */
    REFUSED,
    /** Nobody recorded it in time: the load is given back, the entry kept as released. */
    LOST,
    /** A released entry old enough that nobody can record it any more: the entry goes. */
    FORGET;

    String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
