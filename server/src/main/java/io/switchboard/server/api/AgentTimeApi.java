package io.switchboard.server.api;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.agentstatus.AgentTime;
import io.switchboard.server.agentstatus.AgentTimeQuery;
import io.switchboard.server.agentstatus.AgentTimeService;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.exchange.CsvOutput;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /v1/reports/agent-time} (PROTOCOL.md): time online, away and offline, concurrency
 * and occupancy per agent over a range of local dates, as JSON or, with {@code format=csv}, as a
 * CSV download with its header row in {@code lang} (en or zh-CN).
 *
 * <p>Thread-safe.
 */
public final class AgentTimeApi {
  /** The longest range, in days (both ends included). */
  public static final int MAX_DAYS = 731;
  private static final List<String> HEADER_EN = List.of("Agent ID", "Name", "Online seconds",
      "Away seconds", "Offline seconds", "Max concurrency", "Average concurrency", "Occupancy");
  private static final List<String> HEADER_ZH = List.of("坐席 ID", "姓名", "在线时长（秒）",
      "离开时长（秒）", "离线时长（秒）", "最大并发", "平均并发", "占用率");

  private final AgentTimeService service;
  private final AuthService auth;
  private final BlockingExecutor store;

  public AgentTimeApi(AgentTimeService service, AuthService auth, BlockingExecutor store) {
    this.service = service;
    this.auth = auth;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/reports/agent-time", request -> {
      AgentTimeQuery query = parse(request);
      String format = blankToNull(request.query("format"));
      if (format != null && !format.equals("csv") && !format.equals("json")) {
        throw badRequest("format: csv or json");
      }
      String lang = blankToNull(request.query("lang"));
      if (lang != null && !lang.equals("en") && !lang.equals("zh-CN")) {
        throw badRequest("lang: en or zh-CN");
      }
      return auth.staff(request.bearer()).thenCompose(staff -> store.call(() -> {
        List<AgentTime> rows = service.report(staff, query);
        return "csv".equals(format) ? csv(query, rows, "zh-CN".equals(lang))
            : ApiResponse.ok(Map.of("rows", rows.stream().map(AgentTimeApi::json).toList()));
      }));
    });
  }

  /** The common report parameters; 400 {@code bad_request} for any that makes no sense. */
  static AgentTimeQuery parse(ApiRequest request) {
    LocalDate from = date("from", request.query("from"));
    LocalDate to = date("to", request.query("to"));
    if (to.isBefore(from)) {
      throw badRequest("to: on or after from");
    }
    if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
      throw badRequest("to: at most " + MAX_DAYS + " days after from");
    }
    String tz = blankToNull(request.query("tz"));
    ZoneId zone;
    try {
      zone = tz == null ? ZoneId.of("UTC") : ZoneId.of(tz);
    } catch (DateTimeException e) {
      throw badRequest("tz: an IANA time zone such as Asia/Shanghai");
    }
    String agent = blankToNull(request.query("agent"));
    UUID agentId = null;
    if (agent != null) {
      try {
        agentId = UUID.fromString(agent);
      } catch (IllegalArgumentException e) {
        throw badRequest("agent: a user id");
      }
    }
    return new AgentTimeQuery(from, to, zone, blankToNull(request.query("site")),
        blankToNull(request.query("team")), blankToNull(request.query("queue")), agentId);
  }

  private static LocalDate date(String name, String value) {
    if (value == null || value.isBlank()) {
      throw badRequest(name + ": required, a date YYYY-MM-DD");
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeException e) {
      throw badRequest(name + ": a date YYYY-MM-DD");
    }
  }

  private static Map<String, Object> json(AgentTime row) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("agentId", row.agentId().toString());
    json.put("name", row.name());
    json.put("onlineSeconds", row.onlineSeconds());
    json.put("awaySeconds", row.awaySeconds());
    json.put("offlineSeconds", row.offlineSeconds());
    json.put("maxConcurrency", row.maxConcurrency());
    json.put("averageConcurrency", row.averageConcurrency());
    json.put("occupancy", row.occupancy());
    return json;
  }

  private static ApiResponse csv(AgentTimeQuery query, List<AgentTime> rows, boolean chinese) {
    List<List<String>> lines = rows.stream().map(row -> List.of(row.agentId().toString(),
        row.name(), Long.toString(row.onlineSeconds()), Long.toString(row.awaySeconds()),
        Long.toString(row.offlineSeconds()), Integer.toString(row.maxConcurrency()),
        number(row.averageConcurrency()), number(row.occupancy()))).toList();
    String text = CsvOutput.text(chinese ? HEADER_ZH : HEADER_EN, lines);
    return new ApiResponse(200, new Download(
        "agent-time-" + query.from() + "-" + query.to() + ".csv",
        text.getBytes(StandardCharsets.UTF_8)), "text/csv; charset=utf-8");
  }

  private static String number(Double value) {
    return value == null ? "" : String.format(java.util.Locale.ROOT, "%.4f", value);
  }

  private static SwitchboardException badRequest(String message) {
    return new SwitchboardException(ErrorCode.BAD_REQUEST, message);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
