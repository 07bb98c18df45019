package io.switchboard.server.api;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.store.webhook.Webhook;
import io.switchboard.server.store.webhook.WebhookDelivery;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import io.switchboard.server.webhook.WebhookEvents;
import io.switchboard.server.webhook.WebhookService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Webhooks over REST, admins only (PROTOCOL.md, "Webhooks"): list, create (the answer carries
 * the secret, the only time it is shown), read, change, delete, a new secret, the delivery log,
 * and replay of one delivery or of every failed one. Every write lands in the audit log like
 * every admin change (the secret never does).
 *
 * <p>Thread-safe.
 */
public final class WebhookApi {
  private final WebhookService webhooks;
  private final AuthService auth;
  private final BlockingExecutor store;

  public WebhookApi(WebhookService webhooks, AuthService auth, BlockingExecutor store) {
    this.webhooks = webhooks;
    this.auth = auth;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/webhooks", request -> {
      String site = request.query("site");
      return admin(request).thenCompose(staff -> store.call(() -> ApiResponse.ok(Map.of(
          "webhooks", webhooks.list(site == null || site.isBlank() ? null : site).stream()
              .map(hook -> json(hook, false)).toList(),
          "events", WebhookEvents.ALL))));
    });
    routes.add("POST", "/v1/webhooks", request -> {
      String site = request.requiredText("siteId", 200);
      WebhookService.Settings settings = settings(request);
      return admin(request).thenCompose(staff -> store.call(() ->
          ApiResponse.created(json(webhooks.create(site, settings), true))));
    });
    routes.add("GET", "/v1/webhooks/{id}", request -> {
      UUID id = id(request.param(0));
      return admin(request).thenCompose(staff -> store.call(() ->
          ApiResponse.ok(json(webhooks.find(id), false))));
    });
    routes.add("PUT", "/v1/webhooks/{id}", request -> {
      UUID id = id(request.param(0));
      WebhookService.Settings settings = settings(request);
      return admin(request).thenCompose(staff -> store.call(() -> {
        Webhook[] change = webhooks.update(id, settings);
        return ApiResponse.ok(json(change[1], false)).withBefore(json(change[0], false));
      }));
    });
    routes.add("DELETE", "/v1/webhooks/{id}", request -> {
      UUID id = id(request.param(0));
      return admin(request).thenCompose(staff -> store.call(() ->
          ApiResponse.noContent().withBefore(json(webhooks.delete(id), false))));
    });
    routes.add("POST", "/v1/webhooks/{id}/secret", request -> {
      UUID id = id(request.param(0));
      return admin(request).thenCompose(staff -> store.call(() ->
          ApiResponse.ok(json(webhooks.rotateSecret(id), true))));
    });
    routes.add("GET", "/v1/webhooks/{id}/deliveries", request -> {
      UUID id = id(request.param(0));
      String status = request.query("status");
      long before = before(request.query("before"));
      int limit = request.queryInt("limit", 50, 1, 200);
      return admin(request).thenCompose(staff -> store.call(() -> {
        List<WebhookDelivery> page = webhooks.log(id, status == null || status.isBlank()
            ? null : status, before, limit);
        Long next = page.size() == limit ? page.get(page.size() - 1).id() : null;
        return ApiResponse.ok(ApiJson.object("deliveries",
            page.stream().map(WebhookApi::json).toList(), "nextBefore", next));
      }));
    });
    routes.add("POST", "/v1/webhooks/{id}/deliveries/{delivery}/replay", request -> {
      UUID id = id(request.param(0));
      long delivery = before(request.param(1));
      return admin(request).thenCompose(staff -> store.call(() ->
          ApiResponse.ok(Map.of("replayed", webhooks.replay(id, delivery)))));
    });
    routes.add("POST", "/v1/webhooks/{id}/replay-failed", request -> {
      UUID id = id(request.param(0));
      return admin(request).thenCompose(staff -> store.call(() ->
          ApiResponse.ok(Map.of("replayed", webhooks.replay(id, null)))));
    });
  }

  private static WebhookService.Settings settings(ApiRequest request) {
    var enabled = request.body() == null ? null : request.body().get("enabled");
    if (enabled != null && !enabled.isNull() && !enabled.isBoolean()) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "enabled: true or false");
    }
    return new WebhookService.Settings(request.requiredText("url", 2000),
        request.textList("events"), enabled == null || enabled.isNull() || enabled.asBoolean(),
        request.text("description"));
  }

  static Map<String, Object> json(Webhook hook, boolean withSecret) {
    return ApiJson.object("id", hook.id().toString(), "siteId", hook.siteId(),
        "url", hook.url(), "events", hook.events(), "enabled", hook.enabled(),
        "description", hook.description(), "createdAt", text(hook.createdAt()),
        "updatedAt", text(hook.updatedAt()), "secret", withSecret ? hook.secret() : null);
  }

  private static Map<String, Object> json(WebhookDelivery d) {
    return ApiJson.object("id", d.id(), "eventId", d.eventId(), "eventType", d.eventType(),
        "status", d.status(), "attempts", d.attempts(), "responseCode", d.lastStatus(),
        "lastError", d.lastError(), "lastAttemptAt", text(d.lastAttemptAt()),
        "nextAttemptAt", d.status().equals("pending") ? text(d.nextAttemptAt()) : null,
        "deliveredAt", text(d.deliveredAt()), "createdAt", text(d.createdAt()),
        "payload", ApiJson.parse(d.payload()));
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static UUID id(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND, "no such webhook");
    }
  }

  private static long before(String value) {
    if (value == null || value.isBlank()) {
      return Long.MAX_VALUE;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new SwitchboardException(ErrorCode.BAD_REQUEST, "not a delivery id: " + value);
    }
  }

  private CompletableFuture<Principal> admin(ApiRequest request) {
    return auth.staff(request.bearer()).thenApply(staff -> {
      AccessPolicy.requireRole(staff, Action.MANAGE_WEBHOOKS);
      return staff;
    });
  }
}
