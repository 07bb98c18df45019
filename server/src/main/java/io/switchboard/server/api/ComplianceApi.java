package io.switchboard.server.api;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.audit.AuditLog;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.compliance.ComplianceFigures;
import io.switchboard.server.compliance.ComplianceService;
import io.switchboard.server.compliance.ComplianceText;
import io.switchboard.server.store.compliance.StoredReport;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The monthly compliance reports over REST (PROTOCOL.md, "Compliance reports"), admins only:
 * the list of stored reports, a report's download in one format and language (generated and
 * stored first when the month has none yet or has not ended; every download recorded in the
 * audit log), and generating one for a month on demand.
 *
 * <p>Thread-safe.
 */
public final class ComplianceApi {
  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
      "pdf", "application/pdf", "csv", "text/csv; charset=utf-8");

  private final ComplianceService reports;
  private final AuditLog audit;
  private final AuthService auth;
  private final BlockingExecutor store;
  private final ZoneId zone;

  /** {@code zone}: the installation's time zone, in which stored reports cut their months. */
  public ComplianceApi(ComplianceService reports, AuditLog audit, AuthService auth,
      BlockingExecutor store, ZoneId zone) {
    this.reports = reports;
    this.audit = audit;
    this.auth = auth;
    this.store = store;
    this.zone = zone;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/compliance-reports", request -> admin(request).thenCompose(me ->
        store.call(() -> ApiResponse.ok(ApiJson.object(
            "timeZone", zone.getId(),
            "sites", reports.store().sites().stream().map(s -> ApiJson.object("id", s.id(),
                "name", s.name())).toList(),
            "reports", reports.store().list().stream().map(ComplianceApi::json).toList())))));
    routes.add("GET", "/v1/compliance-reports/{month}", request -> admin(request)
        .thenCompose(me -> {
          YearMonth month = month(request.param(0));
          String scope = scope(request.query("site"));
          String lang = choice("lang", ComplianceText.language(request.query("lang")));
          String format = request.query("format") == null ? "html" : request.query("format");
          choice("format", TYPES.containsKey(format) ? format : null);
          ZoneId tz = zone(request.query("tz"));
          return store.call(() -> ApiResponse.bytes(TYPES.get(format),
                  download(me, month, scope, tz, lang, format)))
              .thenCompose(reply -> audit.record(new AuditLog.Event(me.id(), me.role().wire(),
                      "compliance_report.downloaded", "compliance-reports", month.toString(),
                      request.address(), null, "{\"scope\":\"" + scope + "\",\"lang\":\"" + lang
                      + "\",\"format\":\"" + format + "\",\"timeZone\":\"" + tz.getId() + "\"}"))
                  .thenApply(ignored -> reply));
        }));
    routes.add("POST", "/v1/compliance-reports/{month}/generate", request -> admin(request)
        .thenCompose(me -> {
          YearMonth month = month(request.param(0));
          String scope = scope(request.text("site"));
          return store.call(() -> {
            reportable(month);
            return ApiResponse.created(json(reports.generate(month, zone, scope, me.id())));
          });
        }));
  }

  /** The stored file, or a fresh one when none is stored, the month is not over or tz differs. */
  private byte[] download(Principal me, YearMonth month, String scope, ZoneId tz, String lang,
      String format) {
    reportable(month);
    Optional<StoredReport> stored = reports.store().find(month, scope)
        .filter(r -> !r.partial() && r.timeZone().equals(tz.getId()));
    if (stored.isEmpty() && tz.equals(zone)) {
      stored = Optional.of(reports.generate(month, zone, scope, me.id()));
    }
    if (stored.isPresent()) {
      return reports.store().file(stored.get().id(), lang, format).orElseThrow(() ->
          new SwitchboardException(ErrorCode.NOT_FOUND, "this report has no such file"));
    }
    ComplianceFigures figures = reports.figures(month, tz, scope);
    return ComplianceService.render(figures).stream()
        .filter(f -> f.lang().equals(lang) && f.format().equals(format)).findFirst()
        .orElseThrow().content();
  }

  private void reportable(YearMonth month) {
    if (!reports.reportable(month, zone)) {
      throw new SwitchboardException(ErrorCode.BAD_REQUEST,
          "month: " + month + " has not begun; a report covers an ended or the current month");
    }
  }

  private String scope(String site) {
    if (site == null || site.isBlank() || site.equals(StoredReport.ALL)) {
      return StoredReport.ALL;
    }
    return site;
  }

  private static String choice(String field, String value) {
    if (value == null) {
      throw new SwitchboardException(ErrorCode.BAD_REQUEST, field + ": not one of "
          + (field.equals("lang") ? "en, zh-CN" : "html, pdf, csv"));
    }
    return value;
  }

  private static YearMonth month(String text) {
    try {
      return YearMonth.parse(text);
    } catch (DateTimeParseException e) {
      throw new SwitchboardException(ErrorCode.BAD_REQUEST, "month: a month like 2026-11");
    }
  }

  private ZoneId zone(String text) {
    try {
      return text == null || text.isBlank() ? zone : ZoneId.of(text);
    } catch (DateTimeException e) {
      throw new SwitchboardException(ErrorCode.BAD_REQUEST, "tz: not an IANA time zone");
    }
  }

  static Map<String, Object> json(StoredReport r) {
    return ApiJson.object("month", r.month().toString(), "scope", r.scope(),
        "timeZone", r.timeZone(), "partial", r.partial(),
        "availabilityPercent", r.availabilityPercent(), "downSeconds", r.downSeconds(),
        "slaBreached", r.slaBreached(), "generatedAt", r.generatedAt().toString(),
        "generatedBy", r.generatedBy(), "languages", ComplianceText.LANGUAGES,
        "formats", List.copyOf(TYPES.keySet().stream().sorted().toList()));
  }

  private CompletableFuture<Principal> admin(ApiRequest request) {
    return auth.staff(request.bearer()).thenApply(me -> {
      AccessPolicy.requireRole(me, Action.COMPLIANCE_REPORTS);
      return me;
    });
  }
}
