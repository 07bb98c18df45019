package io.switchboard.server.store.availability;

import java.time.Instant;

/**
 * A maintenance window as stored: {@code [start, end)}, the admin's reason and who declared it.
 *
 * <p>Immutable, thread-safe.
 */
public record StoredWindow(long id, Instant start, Instant end, String reason, String createdBy) {}
