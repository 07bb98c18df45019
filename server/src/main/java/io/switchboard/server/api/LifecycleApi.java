package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.Principal;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.lifecycle.ContactErasure;
import io.switchboard.server.lifecycle.DataLifecycle;
import io.switchboard.server.lifecycle.RetentionJob;
import io.switchboard.server.store.lifecycle.RetentionSetting;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The data lifecycle over REST (PROTOCOL.md 3.19), admins only: a contact's GDPR export (a zip)
 * and erasure, each site's retention setting, and running the retention job now.
 *
 * <p>Thread-safe.
 */
public final class LifecycleApi {
  private final DataLifecycle lifecycle;
  private final AuthService auth;
  private final BlockingExecutor store;

  public LifecycleApi(DataLifecycle lifecycle, AuthService auth, BlockingExecutor store) {
    this.lifecycle = lifecycle;
    this.auth = auth;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/contacts/{id}/gdpr-export", request -> {
      UUID id = ContactRequests.id(request);
      return call(request, admin -> new ApiResponse(200, new Download(
          "contact-" + id + "-gdpr-export.zip",
          lifecycle.export().export(admin, id, request.address())), "application/zip"));
    });
    routes.add("POST", "/v1/contacts/{id}/gdpr-erase", request -> {
      UUID id = ContactRequests.id(request);
      String confirm = request.text("confirm");
      String reason = request.text("reason");
      return call(request, admin -> ApiResponse.ok(receipt(lifecycle.erasure()
          .erase(admin, id, confirm, reason, request.address()))));
    });
    routes.add("GET", "/v1/admin/sites/{id}/retention", request -> call(request, admin ->
        ApiResponse.ok(json(lifecycle.retention(admin, request.param(0))))));
    routes.add("PUT", "/v1/admin/sites/{id}/retention", request -> {
      Boolean enabled = bool(request.body(), "enabled");
      Integer days = request.body() == null || !request.body().hasNonNull("days") ? null
          : request.optionalInt("days", 1, 36500, 0);
      String mode = request.text("mode");
      return call(request, admin -> {
        Map<String, Object> before = json(lifecycle.retention(admin, request.param(0)));
        return ApiResponse.ok(json(lifecycle.setRetention(admin, request.param(0), enabled,
            days, mode))).withBefore(before);
      });
    });
    routes.add("POST", "/v1/admin/retention/run", request -> call(request, admin ->
        ApiResponse.ok(ApiJson.object("runs", lifecycle.runRetention(admin).stream()
            .map(LifecycleApi::run).toList()))));
  }

  private CompletableFuture<ApiResponse> call(ApiRequest request,
      Function<Principal, ApiResponse> work) {
    return auth.staff(request.bearer()).thenCompose(staff -> store.call(() -> work.apply(staff)));
  }

  private static Boolean bool(JsonNode body, String field) {
    JsonNode node = body == null ? null : body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, field + ": true or false");
    }
    return node.asBoolean();
  }

  private static Map<String, Object> json(RetentionSetting setting) {
    return ApiJson.object("siteId", setting.siteId(), "enabled", setting.enabled(),
        "days", setting.days(), "mode", setting.mode(),
        "updatedAt", setting.updatedAt() == null ? null : setting.updatedAt().toString());
  }

  private static Map<String, Object> receipt(ContactErasure.Receipt receipt) {
    return ApiJson.object("pseudonym", receipt.pseudonym(),
        "auditEntryId", receipt.auditEntryId(), "rows", receipt.rows(),
        "auditEntriesRedacted", receipt.auditEntriesRedacted(),
        "filesRemoved", receipt.filesRemoved(),
        "redisEntriesRemoved", receipt.redisEntriesRemoved());
  }

  private static Map<String, Object> run(RetentionJob.SiteRun run) {
    return ApiJson.object("siteId", run.siteId(), "mode", run.mode(),
        "cutoff", run.cutoff().toString(), "conversations", run.conversations(),
        "tickets", run.tickets(), "files", run.files());
  }
}
