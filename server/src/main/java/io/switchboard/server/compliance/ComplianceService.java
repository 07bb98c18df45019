package io.switchboard.server.compliance;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.availability.MonthAvailability;
import io.switchboard.server.report.Overview;
import io.switchboard.server.store.compliance.ComplianceReportDao;
import io.switchboard.server.store.compliance.RenderedFile;
import io.switchboard.server.store.compliance.StoredReport;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The monthly compliance reports: generates one for a month and scope (the whole installation or
 * one site) from the reports engine's overview and the measured availability, renders it in every
 * format and language, and stores it; lists stored reports and hands out their files. A month
 * that has not ended is reported "so far" (up to today) and marked partial.
 *
 * <p>Thread-safe: its stores and sources are, and it keeps no state of its own.
 */
public final class ComplianceService {
  /** The formats a report is rendered in. */
  public static final List<String> FORMATS = List.of("html", "pdf", "csv");

  /** Where the figures come from: the reports engine and the availability measurements. */
  public interface Sources {
    /** The overview of these days (both included, in {@code zone}), of one site or all (null). */
    Overview overview(LocalDate from, LocalDate to, ZoneId zone, String siteId);

    /** The measured availability of the month in {@code zone}. */
    MonthAvailability availability(YearMonth month, ZoneId zone);
  }

  private final ComplianceReportDao dao;
  private final Sources sources;
  private final Clock clock;

  public ComplianceService(ComplianceReportDao dao, Sources sources, Clock clock) {
    this.dao = dao;
    this.sources = sources;
    this.clock = clock;
  }

  public ComplianceReportDao store() {
    return dao;
  }

  public Clock clock() {
    return clock;
  }

  /** Whether a report of this month may be made now: it has ended, or it is the current one. */
  public boolean reportable(YearMonth month, ZoneId zone) {
    return !month.isAfter(YearMonth.now(clock.withZone(zone)));
  }

  /** The figures of a month and scope as they are now. */
  public ComplianceFigures figures(YearMonth month, ZoneId zone, String scope) {
    LocalDate today = LocalDate.now(clock.withZone(zone));
    boolean partial = !month.atEndOfMonth().isBefore(today);
    LocalDate to = partial ? today : month.atEndOfMonth();
    String site = scope.equals(StoredReport.ALL) ? null : scope;
    String name = site == null ? null : dao.sites().stream().filter(s -> s.id().equals(site))
        .map(ComplianceReportDao.SiteName::name).findFirst()
        .orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_FOUND, "no such site"));
    return new ComplianceFigures(month, zone.getId(), scope, name, partial, clock.instant(),
        sources.overview(month.atDay(1), to, zone, site), sources.availability(month, zone));
  }

  /** Every rendering of the figures: each format in each language. */
  public static List<RenderedFile> render(ComplianceFigures figures) {
    List<RenderedFile> files = new ArrayList<>();
    for (String lang : ComplianceText.LANGUAGES) {
      files.add(new RenderedFile(lang, "html",
          ComplianceHtml.render(figures, lang).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      files.add(new RenderedFile(lang, "pdf", CompliancePdf.render(figures, lang)));
      files.add(new RenderedFile(lang, "csv",
          ComplianceCsv.render(figures, lang).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    return files;
  }

  /** Generates, renders and stores the report, replacing any stored one of the same month. */
  public StoredReport generate(YearMonth month, ZoneId zone, String scope, String by) {
    ComplianceFigures figures = figures(month, zone, scope);
    return dao.save(summary(figures, by), render(figures));
  }

  /**
   * The schedule's report of an ended month: stored and mailed to {@code recipients} only by the
   * first node to claim the month and scope; empty when another node had.
   */
  public Optional<StoredReport> generateScheduled(YearMonth month, ZoneId zone, String scope,
      String nodeId, List<String> recipients) {
    if (dao.scheduled(month, scope)) {
      return Optional.empty();
    }
    ComplianceFigures figures = figures(month, zone, scope);
    return dao.saveScheduled(summary(figures, "schedule"), render(figures), nodeId, recipients,
        clock.instant());
  }

  private static StoredReport summary(ComplianceFigures f, String by) {
    long breached = f.overview().sla().stream().mapToLong(s -> s.breached()).sum();
    return new StoredReport(0, f.month(), f.scope(), f.timeZone(), f.partial(),
        f.availability().percent(), f.availability().downSeconds(), breached, f.generatedAt(), by);
  }
}
