package io.switchboard.server.store.agentstatus;

import java.time.Instant;
import java.util.UUID;

/**
 * One stretch of an agent's status timeline: online or away from {@code startedAt} until {@code
 * endedAt} (null while it lasts).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the row's id
 * @param status {@code "online"} or {@code "away"}
 */
public record StatusPeriod(long id, UUID agentId, String status, Instant startedAt,
    Instant endedAt) {
  /** Whether the status still lasts. */
  public boolean open() {
    return endedAt == null;
  }
}
