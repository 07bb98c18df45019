package io.switchboard.server.api;

import io.switchboard.server.access.Principal;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.presence.PresenceStore;
import io.switchboard.server.report.CsatPage;
import io.switchboard.server.report.MetricDefinitions;
import io.switchboard.server.report.Overview;
import io.switchboard.server.report.ReportFilter;
import io.switchboard.server.report.ReportService;
import io.switchboard.server.store.report.ReportListDao.CommentCursor;
import io.switchboard.server.util.BlockingExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * {@code /v1/reports/*} (PROTOCOL.md "Reports"): the metric definitions, the overview, today so
 * far with the live figures, trends, the heatmap, the queue and agent tables, satisfaction with
 * its comments and SLA attainment, as JSON or (with {@code format=csv}) as CSV. Who sees what is
 * decided by {@link ReportRequests}.
 *
 * <p>Thread-safe.
 */
public final class ReportApi {
  private final ReportService reports;
  private final AuthService auth;
  private final BlockingExecutor store;
  private final PresenceStore presence;
  private final Clock clock;

  public ReportApi(ReportService reports, AuthService auth, BlockingExecutor store,
      PresenceStore presence, Clock clock) {
    this.reports = reports;
    this.auth = auth;
    this.store = store;
    this.presence = presence;
    this.clock = clock;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/reports/definitions", request -> auth.staff(request.bearer())
        .thenApply(staff -> ApiResponse.ok(ReportJson.definitions(MetricDefinitions.ALL))));
    view(routes, "overview", (request, filter) -> {
      Overview overview = reports.overview(filter);
      return csv(request) ? ReportCsv.overview(overview, lang(request))
          : ApiResponse.ok(ReportJson.overview(overview));
    });
    view(routes, "trend", (request, filter) -> {
      String interval = interval(request);
      var buckets = reports.tables().trend(filter, interval);
      return csv(request) ? ReportCsv.table("trend", filter, lang(request),
          ReportJson.rows(buckets)) : ApiResponse.ok(ApiJson.object("interval", interval,
          "buckets", ReportJson.rows(buckets)));
    });
    view(routes, "heatmap", (request, filter) -> {
      String measure = request.query("measure") == null ? "started" : request.query("measure");
      if (!List.of("started", "answered", "missed").contains(measure)) {
        throw ReportRequests.bad("measure: started, answered or missed");
      }
      var cells = ReportJson.rows(reports.tables().heatmap(filter, measure));
      return csv(request) ? ReportCsv.table("heatmap", filter, lang(request), cells)
          : ApiResponse.ok(ApiJson.object("measure", measure, "cells", cells));
    });
    view(routes, "queues", (request, filter) -> rows(request, filter, "queues",
        ReportJson.rows(reports.tables().queues(filter))));
    view(routes, "agents", (request, filter) -> rows(request, filter, "agents",
        ReportJson.rows(reports.tables().agents(filter))));
    view(routes, "sla", (request, filter) -> rows(request, filter, "sla",
        ReportJson.rows(reports.sla(filter))));
    view(routes, "csat", (request, filter) -> {
      CsatPage page = reports.csat(filter, request.queryInt("limit", 50, 1, 500),
          cursor(request.query("cursor")));
      return csv(request) ? ReportCsv.table("csat", filter, lang(request),
          ReportJson.rows(page.comments())) : ApiResponse.ok(ReportJson.csat(page,
          page.next() == null ? null : encode(page.next())));
    });
    routes.add("GET", "/v1/reports/today", request -> auth.staff(request.bearer())
        .thenCompose(staff -> store.call(() -> {
          ZoneId zone = ReportRequests.zone(request);
          LocalDate today = LocalDate.now(clock.withZone(zone));
          ReportFilter filter = ReportRequests.filter(request, staff, reports::teamMember, today,
              today, zone);
          Instant now = clock.instant();
          return Map.entry(Map.entry(reports.overview(filter), reports.live(
              filter.agent() != null ? java.util.Set.of() : filter.scopeQueues(), now)),
              reports.staff(filter.scopeQueues()));
        })).thenCompose(found -> liveAgents(found.getValue()).thenApply(agents ->
            ApiResponse.ok(ReportJson.today(found.getKey().getKey(), found.getKey().getValue(),
                agents, clock.instant())))));
  }

  private void view(ApiRoutes routes, String name,
      BiFunction<ApiRequest, ReportFilter, ApiResponse> answer) {
    routes.add("GET", "/v1/reports/" + name, request -> {
      String format = request.query("format");
      if (format != null && !format.equals("csv") && !format.equals("json")) {
        throw ReportRequests.bad("format: csv or json");
      }
      lang(request);
      return auth.staff(request.bearer()).thenCompose(staff -> store.call(() ->
          answer.apply(request, filter(request, staff))));
    });
  }

  private ReportFilter filter(ApiRequest request, Principal staff) {
    return ReportRequests.filter(request, staff, reports::teamMember);
  }

  private static ApiResponse rows(ApiRequest request, ReportFilter filter, String view,
      List<Map<String, Object>> rows) {
    return csv(request) ? ReportCsv.table(view, filter, lang(request), rows)
        : ApiResponse.ok(ApiJson.object("rows", rows));
  }

  /** Online and away counts of the staff whose presence the live figures show. */
  private CompletableFuture<int[]> liveAgents(List<UUID> staff) {
    List<CompletableFuture<String>> statuses = staff.stream()
        .map(id -> StaffApi.statusOf(presence, id)).toList();
    return CompletableFuture.allOf(statuses.toArray(CompletableFuture[]::new))
        .thenApply(done -> {
          int[] counts = new int[2];
          statuses.forEach(status -> {
            counts[0] += "online".equals(status.join()) ? 1 : 0;
            counts[1] += "away".equals(status.join()) ? 1 : 0;
          });
          return counts;
        });
  }

  private static String interval(ApiRequest request) {
    String interval = request.query("interval") == null ? "day" : request.query("interval");
    if (!List.of("day", "week", "month").contains(interval)) {
      throw ReportRequests.bad("interval: day, week or month");
    }
    return interval;
  }

  private static boolean csv(ApiRequest request) {
    return "csv".equals(request.query("format"));
  }

  private static String lang(ApiRequest request) {
    String lang = request.query("lang") == null ? "en" : request.query("lang");
    if (!lang.equals("en") && !lang.equals("zh-CN")) {
      throw ReportRequests.bad("lang: en or zh-CN");
    }
    return lang;
  }

  private static String encode(CommentCursor cursor) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(
        (cursor.at().toString() + "|" + cursor.id()).getBytes(StandardCharsets.UTF_8));
  }

  private static CommentCursor cursor(String text) {
    if (ReportRequests.blankToNull(text) == null) {
      return null;
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(text.strip()),
          StandardCharsets.UTF_8).split("\\|");
      return new CommentCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
    } catch (RuntimeException e) {
      throw ReportRequests.bad("cursor: the nextCursor of an earlier page");
    }
  }
}
