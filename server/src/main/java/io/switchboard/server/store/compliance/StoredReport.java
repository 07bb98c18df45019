package io.switchboard.server.store.compliance;

import java.time.Instant;
import java.time.YearMonth;

/**
 * A stored monthly compliance report: its month and scope ({@code all} for the whole installation,
 * else a site id), the time zone its month was cut in, whether the month had not ended when it was
 * generated, a few headline figures for the list, and who generated it when ({@code schedule} or
 * an admin's id).
 *
 * <p>Immutable, thread-safe.
 */
public record StoredReport(long id, YearMonth month, String scope, String timeZone,
    boolean partial, Double availabilityPercent, long downSeconds, long slaBreached,
    Instant generatedAt, String generatedBy) {
  /** The scope of the installation-wide report. */
  public static final String ALL = "all";
}
