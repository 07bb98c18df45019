package io.switchboard.server.store.sla;

import java.time.Instant;

/**
 * An SLA policy as stored: its conditions and targets as JSON text (the SLA domain reads them),
 * the queue whose business hours it counts on (null: around the clock), the warning threshold and
 * the actions.
 *
 * <p>Immutable and thread-safe.
 */
public record SlaPolicyRow(long id, String name, int position, String conditionsJson,
    String targetsJson, String calendarQueueId, int warnPercent, boolean alert,
    boolean raisePriority, String escalationQueue, String chatTargetsJson, Instant updatedAt) {}
