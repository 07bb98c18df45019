package io.switchboard.server.api;

import io.switchboard.server.apikey.ApiKeySecrets;
import io.switchboard.server.apikey.ApiKeyService;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.store.apikey.ApiKey;
import io.switchboard.server.util.BlockingExecutor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * API keys over REST (admins only; keys themselves cannot reach these routes): {@code GET
 * /v1/admin/api-keys} lists them, {@code POST} creates one and answers its secret once, {@code
 * DELETE /v1/admin/api-keys/{id}} revokes one. Also the {@link ApiRoutes.Guard} that checks, before
 * any route runs, the scope of a request made with a key and records its use.
 *
 * <p>Thread-safe.
 */
public final class ApiKeyApi implements ApiRoutes.Guard {
  private final ApiKeyService keys;
  private final AuthService auth;
  private final BlockingExecutor store;

  public ApiKeyApi(ApiKeyService keys, AuthService auth, BlockingExecutor store) {
    this.keys = keys;
    this.auth = auth;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/admin/api-keys", request -> auth.staff(request.bearer())
        .thenCompose(admin -> store.call(() -> ApiResponse.ok(Map.of("keys",
            keys.list(admin).stream().map(ApiKeyApi::json).toList())))));
    routes.add("POST", "/v1/admin/api-keys", request -> {
      String name = request.text("name");
      var access = request.textList("access");
      var resources = request.textList("resources");
      return auth.staff(request.bearer()).thenCompose(admin -> store.call(() -> {
        ApiKeyService.Created created = keys.create(admin, name, access, resources);
        Map<String, Object> body = json(created.key());
        body.put("secret", created.secret());
        return ApiResponse.created(body);
      }));
    });
    routes.add("DELETE", "/v1/admin/api-keys/{id}", request -> {
      UUID id = TicketFields.id("id", request.param(0));
      return auth.staff(request.bearer()).thenCompose(admin -> store.call(() ->
          ApiResponse.ok(json(keys.revoke(admin, id)))));
    });
    routes.guardEvery(this);
  }

  @Override
  public CompletableFuture<Void> check(String method, String route, ApiRequest request) {
    if (!ApiKeySecrets.looksLikeKey(request.bearer())) {
      return CompletableFuture.completedFuture(null);
    }
    return store.call(() -> {
      keys.authorize(request.bearer(), method, route, request.pathParams(), request.address());
      return null;
    });
  }

  /** A key as JSON: never its secret, only the characters that tell it apart. */
  static Map<String, Object> json(ApiKey key) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", key.id().toString());
    json.put("name", key.name());
    json.put("prefix", key.shownPrefix());
    json.put("access", key.access().stream().sorted().toList());
    json.put("resources", key.resources().stream().sorted().toList());
    json.put("createdBy", key.createdBy().toString());
    json.put("createdAt", key.createdAt().toString());
    json.put("revokedAt", key.revokedAt() == null ? null : key.revokedAt().toString());
    json.put("lastUsedAt", key.lastUsedAt() == null ? null : key.lastUsedAt().toString());
    return json;
  }
}
