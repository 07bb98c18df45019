package io.switchboard.server.compliance;

import io.switchboard.server.availability.Incident;
import io.switchboard.server.availability.MaintenanceWindow;
import io.switchboard.server.availability.MonthAvailability;
import io.switchboard.server.report.ChatFigures;
import io.switchboard.server.report.CsatFigures;
import io.switchboard.server.report.Distribution;
import io.switchboard.server.report.Overview;
import io.switchboard.server.report.SlaAttainment;
import io.switchboard.server.report.TicketFigures;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * A fixed set of figures for the rendering tests: November 2026 with a 52-minute outage, a
 * two-hour maintenance window and two breached first-response clocks.
 *
 * <p>Stateless; for tests.
 */
final class SampleFigures {
  static final Instant OUTAGE = Instant.parse("2026-11-10T03:00:00Z");

  private SampleFigures() {}

  static ComplianceFigures november() {
    Distribution response = new Distribution(10, 1530.5, 1200L, 4100L);
    Overview overview = new Overview(java.time.LocalDate.parse("2026-11-01"),
        java.time.LocalDate.parse("2026-11-30"), "UTC",
        new ChatFigures(120, 110, 10, 10 / 120.0, new Distribution(10, 65.0, 60L, 120L),
            new Distribution(110, 30.0, 20L, 70L), new Distribution(110, 25.0, 18L, 40L),
            Distribution.EMPTY, new Distribution(110, 400.0, 350L, 800L), Distribution.EMPTY,
            4, 100, 100 / 110.0, 0.8, 0.05),
        new TicketFigures(40, 30, 0.75, response, Distribution.EMPTY,
            new Distribution(30, 50_000.0, 40_000L, 90_000L), 2, 2 / 30.0, 0.4, 3, 2),
        new CsatFigures(50, 0.5, 0.9, 4.4, List.of(1L, 1L, 3L, 10L, 35L)),
        List.of(new SlaAttainment("ticket", "first_response", "normal", 10, 8, 2, 0.8),
            new SlaAttainment("ticket", "resolution", "normal", 6, 6, 0, 1.0)));
    MonthAvailability availability = new MonthAvailability(YearMonth.of(2026, 11), "UTC",
        Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"),
        30L * 86_400, 30L * 86_400 - 52 * 60 - 7200, 52 * 60, 7200,
        100.0 * (30 * 86_400 - 52 * 60 - 7200) / (30 * 86_400 - 7200), 99.9, 2592,
        List.of(new Incident(OUTAGE, OUTAGE.plusSeconds(52 * 60), 52 * 60, "connect timed out")),
        List.of(new MaintenanceWindow(1, Instant.parse("2026-11-20T01:00:00Z"),
            Instant.parse("2026-11-20T03:00:00Z"), "数据库升级", "admin")));
    return new ComplianceFigures(YearMonth.of(2026, 11), "UTC", "all", null, false,
        Instant.parse("2026-12-01T00:05:00Z"), overview, availability);
  }
}
