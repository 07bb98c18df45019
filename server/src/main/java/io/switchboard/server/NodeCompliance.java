package io.switchboard.server;

import io.switchboard.server.api.ComplianceApi;
import io.switchboard.server.availability.AvailabilityService;
import io.switchboard.server.availability.MonthAvailability;
import io.switchboard.server.compliance.ComplianceMailer;
import io.switchboard.server.compliance.ComplianceSchedule;
import io.switchboard.server.compliance.ComplianceService;
import io.switchboard.server.report.Overview;
import io.switchboard.server.report.ReportFilter;
import io.switchboard.server.report.ReportService;
import io.switchboard.server.store.availability.MaintenanceWindowDao;
import io.switchboard.server.store.availability.ProbeResultDao;
import io.switchboard.server.store.compliance.ComplianceMailDao;
import io.switchboard.server.store.compliance.ComplianceReportDao;
import io.switchboard.server.store.report.ReportListDao;
import io.switchboard.server.store.report.ReportQueryDao;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.jdbi.v3.core.Jdbi;

/**
 * A node's monthly compliance reports: the service over the reports engine's overview and the
 * measured availability, {@code /v1/compliance-reports}, the schedule that generates last month's
 * reports (on the system clock), and, when an SMTP server is configured, the sender of the report
 * mail to admins. Reports and their mail run on the business clock (tests move it).
 *
 * <p>Thread-safe: its parts are; {@link #close} is called once.
 */
final class NodeCompliance implements AutoCloseable {
  /** The installation's time zone, in which months are cut. */
  static final ZoneId INSTALLATION_ZONE = ZoneId.of("UTC");

  private final ComplianceSchedule schedule;
  private final ComplianceMailer mailer;

  private NodeCompliance(ComplianceSchedule schedule, ComplianceMailer mailer) {
    this.schedule = schedule;
    this.mailer = mailer;
  }

  static NodeCompliance start(NodeServiceDesk.Parts p) {
    ComplianceService service = service(p.jdbi(), p.businessClock());
    new ComplianceApi(service, p.audit(), p.auth(), p.store(), INSTALLATION_ZONE)
        .register(p.api());
    ComplianceSchedule schedule = new ComplianceSchedule(service, INSTALLATION_ZONE,
        p.config().nodeId(), p.clock());
    schedule.start(Duration.ofMinutes(1));
    ComplianceMailer mailer = null;
    if (p.config().mail().smtpHost() != null) {
      mailer = new ComplianceMailer(new ComplianceMailDao(p.jdbi()), service.store(),
          p.config().mail(), p.businessClock());
      mailer.start();
    }
    return new NodeCompliance(schedule, mailer);
  }

  /** The report service on this database: figures from the reports engine and the probes. */
  static ComplianceService service(Jdbi jdbi, Clock clock) {
    AvailabilityService availability = new AvailabilityService(new ProbeResultDao(jdbi),
        new MaintenanceWindowDao(jdbi), clock);
    ReportService reports = new ReportService(new ReportQueryDao(jdbi), new ReportListDao(jdbi));
    return new ComplianceService(new ComplianceReportDao(jdbi), new ComplianceService.Sources() {
      @Override
      public Overview overview(LocalDate from, LocalDate to, ZoneId zone, String siteId) {
        return reports.overview(ReportFilter.all(from, to, zone).forSite(siteId));
      }

      @Override
      public MonthAvailability availability(YearMonth month, ZoneId zone) {
        return availability.month(month, zone);
      }
    }, clock);
  }

  @Override
  public void close() {
    schedule.close();
    if (mailer != null) {
      mailer.close();
    }
  }
}
