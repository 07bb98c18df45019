package io.switchboard.server.store.sla;

import java.time.Instant;
import java.util.UUID;

/**
 * One SLA clock cycle of a ticket as last computed from its history (metric and state by their
 * wire names), with {@code dueAt}: the next at-risk or breach instant whose event has not fired.
 *
 * <p>Immutable and thread-safe.
 */
public record SlaClockRow(UUID ticketId, String metric, int cycle, String state,
    Instant startedAt, Instant stoppedAt, long targetSeconds, long elapsedSeconds,
    Instant atRiskAt, Instant deadline, boolean breached, Instant dueAt) {}
