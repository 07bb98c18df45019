package io.switchboard.server.availability;

import java.time.Instant;

/**
 * The service's status now, as the wall shows it: {@code up} when the newest minute any node
 * probed (in the last {@link AvailabilityService#RECENT} minutes) had a success, {@code down}
 * when it had only failures, {@code unknown} when no node probed that recently. The times are
 * of the newest probe and the newest successful one in that span (null when none).
 *
 * <p>Immutable, thread-safe.
 */
public record CurrentStatus(String status, Instant lastProbeAt, Instant lastSuccessAt) {}
