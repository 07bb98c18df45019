package io.switchboard.server.availability;

import java.time.Instant;

/**
 * A stretch of consecutive down minutes (no node's probe succeeded), outside planned maintenance:
 * from its first down minute to the end of its last. {@code cause} is the first failure's reason
 * as a probe saw it, or null when no probe ran at all.
 *
 * <p>Immutable, thread-safe.
 */
public record Incident(Instant start, Instant end, long downSeconds, String cause) {}
