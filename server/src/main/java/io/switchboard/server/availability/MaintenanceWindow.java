package io.switchboard.server.availability;

import java.time.Instant;

/**
 * Planned maintenance an admin declared: minutes inside it are shown separately and do not count
 * as down.
 *
 * <p>Immutable, thread-safe.
 */
public record MaintenanceWindow(long id, Instant start, Instant end, String reason, String createdBy) {}
