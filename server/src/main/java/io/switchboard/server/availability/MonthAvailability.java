package io.switchboard.server.availability;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * One month's measured availability, in the given time zone: of the month's minutes since
 * measuring began ({@code measuredFrom}, up to now for the current month), how many were up, down
 * and in planned maintenance. {@code percent} is up over (measured minus maintenance), against the
 * contract's 99.9% target, whose allowed downtime for the month is {@code allowedDownSeconds}
 * (43.8 minutes in an average month).
 *
 * <p>Immutable, thread-safe.
 */
public record MonthAvailability(
    YearMonth month,
    String timeZone,
    Instant measuredFrom,
    Instant measuredTo,
    long measuredSeconds,
    long upSeconds,
    long downSeconds,
    long maintenanceSeconds,
    Double percent,
    double targetPercent,
    long allowedDownSeconds,
    List<Incident> incidents,
    List<MaintenanceWindow> maintenance) {
  public MonthAvailability {
    incidents = List.copyOf(incidents);
    maintenance = List.copyOf(maintenance);
  }
}
