package io.switchboard.server.compliance;

import io.switchboard.server.availability.MonthAvailability;
import io.switchboard.server.report.Overview;
import java.time.Instant;
import java.time.YearMonth;

/**
 * Everything one monthly compliance report shows: its month, time zone and scope (the whole
 * installation, or one site by id and name), whether the month had not ended yet, when it was
 * generated, and the figures, which come only from the reports engine's {@link Overview} and the
 * measured {@link MonthAvailability} (availability is the installation's, for every scope).
 *
 * <p>Immutable, thread-safe.
 */
public record ComplianceFigures(YearMonth month, String timeZone, String scope, String scopeName,
    boolean partial, Instant generatedAt, Overview overview, MonthAvailability availability) {}
