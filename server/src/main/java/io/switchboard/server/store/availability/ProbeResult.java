package io.switchboard.server.store.availability;

import java.time.Instant;

/**
 * One node's probe in one minute: whether it succeeded, how long it took, why it failed (null
 * when it succeeded), and when it finished.
 *
 * <p>Immutable, thread-safe.
 */
public record ProbeResult(Instant minute, String nodeId, boolean ok, int latencyMs,
    String failure, Instant probedAt) {}
