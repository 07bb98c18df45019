package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.availability.AvailabilityService;
import io.switchboard.server.availability.CurrentStatus;
import io.switchboard.server.availability.Incident;
import io.switchboard.server.availability.MaintenanceWindow;
import io.switchboard.server.availability.MonthAvailability;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Measured availability over REST (PROTOCOL.md, "Availability"): {@code GET /v1/availability}
 * (supervisors and admins) with the month's figures and the current status, and the maintenance
 * windows ({@code GET/POST /v1/maintenance-windows}, {@code DELETE /v1/maintenance-windows/{id}},
 * admins only; the writes land in the audit log like every admin change).
 *
 * <p>Thread-safe.
 */
public final class AvailabilityApi {
  private final AvailabilityService availability;
  private final AuthService auth;
  private final BlockingExecutor store;
  private final java.time.Clock clock;

  public AvailabilityApi(AvailabilityService availability, AuthService auth,
      BlockingExecutor store, java.time.Clock clock) {
    this.availability = availability;
    this.auth = auth;
    this.store = store;
    this.clock = clock;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/availability", request -> {
      ZoneId zone = zone(request.query("tz"));
      YearMonth month = month(request.query("month"), zone);
      return role(request, Action.READ_AVAILABILITY).thenCompose(staff -> store.call(() -> {
        Map<String, Object> body = json(availability.month(month, zone));
        body.put("current", json(availability.current()));
        return ApiResponse.ok(body);
      }));
    });
    routes.add("GET", "/v1/maintenance-windows", request -> {
      int limit = request.queryInt("limit", 100, 1, 500);
      return role(request, Action.MANAGE_MAINTENANCE).thenCompose(staff -> store.call(() ->
          ApiResponse.ok(Map.of("windows", availability.windows(limit).stream()
              .map(AvailabilityApi::json).toList()))));
    });
    routes.add("POST", "/v1/maintenance-windows", request -> {
      JsonNode body = request.body();
      Instant start = instant(body, "start");
      Instant end = instant(body, "end");
      String reason = body == null || !body.path("reason").isTextual() ? null
          : body.path("reason").asText();
      return role(request, Action.MANAGE_MAINTENANCE).thenCompose(staff -> store.call(() ->
          ApiResponse.created(json(availability.declare(start, end, reason,
              staff.id())))));
    });
    routes.add("DELETE", "/v1/maintenance-windows/{id}", request -> {
      long id = id(request);
      return role(request, Action.MANAGE_MAINTENANCE).thenCompose(staff -> store.call(() ->
          ApiResponse.noContent().withBefore(json(availability.delete(id)))));
    });
  }

  static Map<String, Object> json(MonthAvailability month) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("month", month.month().toString());
    body.put("timeZone", month.timeZone());
    body.put("measuredFrom", text(month.measuredFrom()));
    body.put("measuredTo", text(month.measuredTo()));
    body.put("measuredSeconds", month.measuredSeconds());
    body.put("upSeconds", month.upSeconds());
    body.put("downSeconds", month.downSeconds());
    body.put("maintenanceSeconds", month.maintenanceSeconds());
    body.put("percent", month.percent());
    body.put("targetPercent", month.targetPercent());
    body.put("allowedDownSeconds", month.allowedDownSeconds());
    body.put("incidents", month.incidents().stream().map(AvailabilityApi::json).toList());
    body.put("maintenance", month.maintenance().stream().map(AvailabilityApi::json).toList());
    return body;
  }

  private static Map<String, Object> json(Incident incident) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("start", incident.start().toString());
    body.put("end", incident.end().toString());
    body.put("downSeconds", incident.downSeconds());
    body.put("cause", incident.cause());
    return body;
  }

  private static Map<String, Object> json(MaintenanceWindow window) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", window.id());
    body.put("start", window.start().toString());
    body.put("end", window.end().toString());
    body.put("reason", window.reason());
    body.put("createdBy", window.createdBy());
    return body;
  }

  private static Map<String, Object> json(CurrentStatus status) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status.status());
    body.put("lastProbeAt", text(status.lastProbeAt()));
    body.put("lastSuccessAt", text(status.lastSuccessAt()));
    return body;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static ZoneId zone(String tz) {
    try {
      return tz == null || tz.isBlank() ? ZoneId.of("UTC") : ZoneId.of(tz);
    } catch (DateTimeException e) {
      throw badRequest("tz: not a time zone: " + tz);
    }
  }

  private YearMonth month(String value, ZoneId zone) {
    if (value == null || value.isBlank()) {
      return YearMonth.now(clock.withZone(zone));
    }
    try {
      return YearMonth.parse(value);
    } catch (DateTimeParseException e) {
      throw badRequest("month: expected YYYY-MM, got " + value);
    }
  }

  private static Instant instant(JsonNode body, String field) {
    JsonNode value = body == null ? null : body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    try {
      return Instant.parse(value.asText());
    } catch (DateTimeParseException e) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          field + ": expected an RFC 3339 instant such as 2026-11-07T01:00:00Z");
    }
  }

  private static long id(ApiRequest request) {
    try {
      return Long.parseLong(request.param(0));
    } catch (NumberFormatException e) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND, "no such maintenance window");
    }
  }

  private static SwitchboardException badRequest(String message) {
    return new SwitchboardException(ErrorCode.BAD_REQUEST, message);
  }

  private CompletableFuture<Principal> role(ApiRequest request, Action action) {
    return auth.staff(request.bearer()).thenApply(staff -> {
      AccessPolicy.requireRole(staff, action);
      return staff;
    });
  }
}
