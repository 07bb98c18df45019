package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.store.queue.QueueSettingsDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the console's admin page reads and the few queue settings {@link AdminApi} does not write:
 * every queue with all its settings (including the skills and languages it requires), the plain
 * settings of one queue (name, priority, accept timeout, maximum wait), and removing a holiday.
 * All of it is for admins only.
 *
 * <p>Thread-safe.
 */
public final class QueueSettingsApi {
  private final QueueSettingsDao settings;
  private final AuthService auth;
  private final BlockingExecutor store;

  public QueueSettingsApi(QueueSettingsDao settings, AuthService auth, BlockingExecutor store) {
    this.settings = settings;
    this.auth = auth;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/admin/queues", request -> admin(request)
        .thenCompose(admin -> store.call(settings::all))
        .thenApply(queues -> ApiResponse.ok(queues.stream().map(QueueSettingsApi::json).toList())));
    routes.add("PUT", "/v1/admin/queues/{id}", this::update);
    routes.add("DELETE", "/v1/admin/queues/{id}/holidays/{day}", this::removeHoliday);
  }

  private CompletableFuture<ApiResponse> update(ApiRequest request) {
    String queueId = request.param(0);
    String name = request.text("name");
    if (name != null && (name.isBlank() || name.length() > 100)) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "name: 1 to 100 characters");
    }
    Integer priority = wholeNumber(request, "priority", 0, 100);
    Integer acceptTimeout = wholeNumber(request, "acceptTimeoutSeconds", 5, 3600);
    boolean setMaxWait = request.body() != null && request.body().has("maxWaitSeconds");
    Integer maxWait = wholeNumber(request, "maxWaitSeconds", 1, 86_400);
    var change = new QueueSettingsDao.Change(name == null ? null : name.strip(), priority,
        acceptTimeout, setMaxWait, maxWait);
    return admin(request).thenCompose(admin -> store.call(() -> {
      var before = settings.all().stream().filter(queue -> queue.id().equals(queueId))
          .findFirst().map(QueueSettingsApi::json).orElse(null);
      if (!settings.update(queueId, change)) {
        throw new SwitchboardException(ErrorCode.NOT_FOUND, "unknown queue " + queueId);
      }
      return settings.all().stream().filter(queue -> queue.id().equals(queueId)).findFirst()
          .map(queue -> ApiResponse.ok(json(queue)).withBefore(before))
          .orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_FOUND, "unknown queue " + queueId));
    }));
  }

  private CompletableFuture<ApiResponse> removeHoliday(ApiRequest request) {
    String queueId = request.param(0);
    LocalDate day;
    try {
      day = LocalDate.parse(request.param(1));
    } catch (DateTimeException e) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "day: a date like 2026-12-25");
    }
    return admin(request).thenCompose(admin -> store.call(() -> {
      if (!settings.removeHoliday(queueId, day)) {
        throw new SwitchboardException(ErrorCode.NOT_FOUND, "no holiday on " + day + " in " + queueId);
      }
      return ApiResponse.noContent();
    }));
  }

  /** The field as a whole number in range, null when absent or null; INVALID_FIELD otherwise. */
  private static Integer wholeNumber(ApiRequest request, String field, int min, int max) {
    JsonNode node = request.body() == null ? null : request.body().get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isInt() || node.asInt() < min || node.asInt() > max) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          field + ": a whole number from " + min + " to " + max);
    }
    return node.asInt();
  }

  private static Map<String, Object> json(QueueSettingsDao.QueueSettings queue) {
    List<Map<String, Object>> hours = queue.hours().stream().map(slot -> ApiJson.object(
        "weekday", slot.day().getValue(), "opens", slot.opens().toString(),
        "closes", slot.closes().toString())).toList();
    List<Map<String, Object>> holidays = queue.holidays().stream().map(holiday -> ApiJson.object(
        "day", holiday.day().toString(), "name", holiday.name())).toList();
    return ApiJson.object("id", queue.id(), "siteId", queue.siteId(), "name", queue.name(),
        "priority", queue.priority(), "acceptTimeoutSeconds", queue.acceptTimeoutSeconds(),
        "strategy", queue.strategy(), "paused", queue.paused(), "timeZone", queue.timeZone(),
        "maxWaitSeconds", queue.maxWaitSeconds(), "hours", hours, "holidays", holidays,
        "skills", queue.rules().skills(), "languages", queue.rules().languages());
  }

  private CompletableFuture<io.switchboard.server.access.Principal> admin(ApiRequest request) {
    return auth.staff(request.bearer()).thenApply(staff -> {
      AccessPolicy.requireRole(staff, Action.MANAGE_ROUTING);
      return staff;
    });
  }
}
