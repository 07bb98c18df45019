package io.switchboard.server.store.agentstatus;

import java.time.Instant;
import java.util.UUID;

/**
 * A staff member a report covers: their id, name, and since when they exist (offline time is
 * counted from then).
 *
 * <p>Immutable and thread-safe.
 */
public record ScopedAgent(UUID id, String name, Instant createdAt) {}
