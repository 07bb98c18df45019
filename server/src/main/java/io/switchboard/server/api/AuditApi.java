package io.switchboard.server.api;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.audit.AuditLog;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.store.audit.AuditDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The audit log for admins: {@code GET /v1/admin/audit} (filtered by actor, action, target and
 * time, paged by id), {@code GET /v1/admin/audit/verify} (walks the hash chain) and {@code GET
 * /v1/admin/audit/export} (CSV; the export is itself recorded).
 *
 * <p>Thread-safe.
 */
public final class AuditApi {
  private static final int MAX_PAGE = 500;
  private static final int MAX_EXPORT = 100_000;

  private final AuditDao dao;
  private final AuditLog audit;
  private final AuthService auth;
  private final BlockingExecutor store;

  public AuditApi(AuditDao dao, AuditLog audit, AuthService auth, BlockingExecutor store) {
    this.dao = dao;
    this.audit = audit;
    this.auth = auth;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/admin/audit", request -> admin(request).thenCompose(me -> {
      AuditDao.Filter filter = filter(request, request.queryInt("limit", 100, 1, MAX_PAGE));
      return store.call(() -> ApiResponse.ok(dao.list(filter).stream().map(AuditApi::json)
          .toList()));
    }));
    routes.add("GET", "/v1/admin/audit/verify", request -> admin(request)
        .thenCompose(me -> audit.verify())
        .thenApply(result -> ApiResponse.ok(ApiJson.object("intact", result.intact(),
            "entries", result.entries(), "problems", result.problems()))));
    routes.add("GET", "/v1/admin/audit/export", request -> admin(request).thenCompose(me -> {
      AuditDao.Filter filter = filter(request, MAX_EXPORT);
      return store.call(() -> csv(dao.list(filter))).thenCompose(csv -> audit.record(
              new AuditLog.Event(me.id(), me.role().wire(), "audit.exported", "audit", null,
                  request.address(), null, "{\"entries\":" + csv.rows() + "}"))
          .thenApply(ignored -> ApiResponse.text("text/csv; charset=utf-8", csv.text())));
    }));
  }

  private record Csv(String text, int rows) {}

  private static Csv csv(List<AuditDao.Stored> entries) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("id",
        "at", "actor_id", "actor_role", "action", "target_type", "target_id", "address",
        "before", "after", "hash").get())) {
      for (AuditDao.Stored stored : entries) {
        var e = stored.entry();
        printer.printRecord(e.id(), e.at(), e.actorId(), e.actorRole(), e.action(),
            e.targetType(), e.targetId(), e.address(), e.before(), e.after(),
            HexFormat.of().formatHex(stored.hash()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Csv(out.toString(), entries.size());
  }

  private static AuditDao.Filter filter(ApiRequest request, int limit) {
    long after;
    try {
      after = request.query("after") == null ? 0 : Long.parseLong(request.query("after"));
    } catch (NumberFormatException e) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "after: an entry id");
    }
    return new AuditDao.Filter(request.query("actor"), request.query("action"),
        request.query("targetType"), request.query("targetId"), time(request, "from"),
        time(request, "to"), after, limit);
  }

  private static Instant time(ApiRequest request, String name) {
    String value = request.query(name);
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          name + ": a time like 2026-12-01T00:00:00Z");
    }
  }

  private static Map<String, Object> json(AuditDao.Stored stored) {
    var e = stored.entry();
    return ApiJson.object("id", e.id(), "at", e.at().toString(), "actorId", e.actorId(),
        "actorRole", e.actorRole(), "action", e.action(), "targetType", e.targetType(),
        "targetId", e.targetId(), "address", e.address(), "before", e.before(),
        "after", e.after(), "hash", HexFormat.of().formatHex(stored.hash()));
  }

  private CompletableFuture<Principal> admin(ApiRequest request) {
    return auth.staff(request.bearer()).thenApply(me -> {
      AccessPolicy.requireRole(me, Action.READ_AUDIT);
      return me;
    });
  }
}
