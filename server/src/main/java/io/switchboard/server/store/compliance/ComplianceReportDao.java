package io.switchboard.server.store.compliance;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Stored compliance reports and their files, the schedule's once-per-month claim, and what the
 * report needs to know about the installation (its sites, its admins' addresses, an address to
 * send from).
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class ComplianceReportDao {
  /** A site a report can be scoped to. */
  public record SiteName(String id, String name) {}

  /** An address the report's mail goes out from. */
  public record Sender(String address, String displayName) {}

  private final Jdbi jdbi;

  public ComplianceReportDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Every stored report, newest month first, the installation before its sites. */
  public List<StoredReport> list() {
    return StoreFailures.call("list compliance reports", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT * FROM compliance_reports"
            + " ORDER BY month DESC, scope <> 'all', scope")
        .map((rs, ctx) -> row(rs)).list()));
  }

  public Optional<StoredReport> find(YearMonth month, String scope) {
    return StoreFailures.call("read compliance report", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT * FROM compliance_reports WHERE month = :month AND scope = :scope")
        .bind("month", month.atDay(1)).bind("scope", scope)
        .map((rs, ctx) -> row(rs)).findOne()));
  }

  /** One stored rendering of a report. */
  public Optional<byte[]> file(long reportId, String lang, String format) {
    return StoreFailures.call("read compliance report file", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT content FROM compliance_report_files"
            + " WHERE report_id = :id AND lang = :lang AND format = :format")
        .bind("id", reportId).bind("lang", lang).bind("format", format)
        .mapTo(byte[].class).findOne()));
  }

  /** Stores a report with its files, replacing any earlier one of the same month and scope. */
  public StoredReport save(StoredReport report, List<RenderedFile> files) {
    return StoreFailures.call("store compliance report", () -> jdbi.inTransaction(h ->
        upsert(h, report, files)));
  }

  /**
   * The schedule's generation of one month and scope, exactly once across nodes: claims the
   * month and scope, and only if this node's claim is the first stores the report and queues its
   * mail to {@code recipients}, all in one transaction. Empty when another node had claimed it.
   */
  public Optional<StoredReport> saveScheduled(StoredReport report, List<RenderedFile> files,
      String nodeId, List<String> recipients, Instant now) {
    return StoreFailures.call("store scheduled compliance report", () -> jdbi.inTransaction(h -> {
      int claimed = h.createUpdate("""
              INSERT INTO compliance_schedule_runs (month, scope, node_id, ran_at)
              VALUES (:month, :scope, :node, :now) ON CONFLICT DO NOTHING""")
          .bind("month", report.month().atDay(1)).bind("scope", report.scope())
          .bind("node", nodeId).bind("now", StoreRows.timestamp(now)).execute();
      if (claimed == 0) {
        return Optional.<StoredReport>empty();
      }
      StoredReport stored = upsert(h, report, files);
      for (String recipient : recipients) {
        h.createUpdate("""
                INSERT INTO compliance_report_mail (report_id, recipient, state,
                    next_attempt_at, created_at)
                VALUES (:id, :to, 'queued', :now, :now) ON CONFLICT DO NOTHING""")
            .bind("id", stored.id()).bind("to", recipient)
            .bind("now", StoreRows.timestamp(now)).execute();
      }
      return Optional.of(stored);
    }));
  }

  /** Whether the schedule has already run for this month and scope. */
  public boolean scheduled(YearMonth month, String scope) {
    return StoreFailures.call("read compliance schedule", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT count(*) FROM compliance_schedule_runs"
            + " WHERE month = :month AND scope = :scope")
        .bind("month", month.atDay(1)).bind("scope", scope).mapTo(Long.class).one() > 0));
  }

  /** The sites reports are kept for: every site but the availability probe's. */
  public List<SiteName> sites() {
    return StoreFailures.call("list sites", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT id, name FROM sites WHERE id <> 'switchboard-probe' ORDER BY id")
        .map((rs, ctx) -> new SiteName(rs.getString("id"), rs.getString("name"))).list()));
  }

  /**
   * The sites the schedule reports on for a month: those with a conversation or a ticket that
   * started between {@code from} and {@code to}.
   */
  public List<SiteName> sitesActive(Instant from, Instant to) {
    return StoreFailures.call("list active sites", () -> jdbi.withHandle(h -> h
        .createQuery("""
            SELECT id, name FROM sites s WHERE id <> 'switchboard-probe' AND (
                EXISTS (SELECT 1 FROM tickets t WHERE t.site_id = s.id
                    AND t.created_at >= :from AND t.created_at < :to)
                OR EXISTS (SELECT 1 FROM conversations c WHERE c.site_id = s.id
                    AND c.created_at >= :from AND c.created_at < :to))
            ORDER BY id""")
        .bind("from", StoreRows.timestamp(from)).bind("to", StoreRows.timestamp(to))
        .map((rs, ctx) -> new SiteName(rs.getString("id"), rs.getString("name"))).list()));
  }

  /** Whether any site (the probe's aside) was created before {@code at}: the installation ran. */
  public boolean anySiteBefore(Instant at) {
    return StoreFailures.call("read sites", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT EXISTS (SELECT 1 FROM sites WHERE id <> 'switchboard-probe'"
            + " AND created_at < :at)")
        .bind("at", StoreRows.timestamp(at)).mapTo(Boolean.class).one()));
  }

  /** The addresses of every enabled admin: who the monthly report is mailed to. */
  public List<String> adminAddresses() {
    return StoreFailures.call("list admins", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT email FROM users WHERE role = 'admin' AND NOT disabled ORDER BY email")
        .mapTo(String.class).list()));
  }

  /** The first support address configured: the report's mail goes out from it. */
  public Optional<Sender> sender() {
    return StoreFailures.call("read support address", () -> jdbi.withHandle(h -> h
        .createQuery("SELECT address, display_name FROM mail_addresses"
            + " ORDER BY created_at, address LIMIT 1")
        .map((rs, ctx) -> new Sender(rs.getString("address"), rs.getString("display_name")))
        .findOne()));
  }

  private static StoredReport upsert(Handle h, StoredReport r, List<RenderedFile> files) {
    StoredReport stored = h.createQuery("""
            INSERT INTO compliance_reports (month, scope, time_zone, partial,
                availability_percent, down_seconds, sla_breached, generated_at, generated_by)
            VALUES (:month, :scope, :tz, :partial, :percent, :down, :breached, :at, :by)
            ON CONFLICT (month, scope) DO UPDATE SET time_zone = EXCLUDED.time_zone,
                partial = EXCLUDED.partial, availability_percent = EXCLUDED.availability_percent,
                down_seconds = EXCLUDED.down_seconds, sla_breached = EXCLUDED.sla_breached,
                generated_at = EXCLUDED.generated_at, generated_by = EXCLUDED.generated_by
            RETURNING *""")
        .bind("month", r.month().atDay(1)).bind("scope", r.scope()).bind("tz", r.timeZone())
        .bind("partial", r.partial()).bind("percent", r.availabilityPercent())
        .bind("down", r.downSeconds()).bind("breached", r.slaBreached())
        .bind("at", StoreRows.timestamp(r.generatedAt())).bind("by", r.generatedBy())
        .map((rs, ctx) -> row(rs)).one();
    h.createUpdate("DELETE FROM compliance_report_files WHERE report_id = :id")
        .bind("id", stored.id()).execute();
    for (RenderedFile file : files) {
      h.createUpdate("""
              INSERT INTO compliance_report_files (report_id, lang, format, content)
              VALUES (:id, :lang, :format, :content)""")
          .bind("id", stored.id()).bind("lang", file.lang()).bind("format", file.format())
          .bind("content", file.content()).execute();
    }
    return stored;
  }

  private static StoredReport row(ResultSet rs) throws SQLException {
    double value = rs.getDouble("availability_percent");
    Double percent = rs.wasNull() ? null : value;
    return new StoredReport(rs.getLong("id"),
        YearMonth.from(rs.getObject("month", LocalDate.class)), rs.getString("scope"),
        rs.getString("time_zone"), rs.getBoolean("partial"), percent,
        rs.getLong("down_seconds"), rs.getLong("sla_breached"),
        StoreRows.instant(rs, "generated_at"), rs.getString("generated_by"));
  }
}
