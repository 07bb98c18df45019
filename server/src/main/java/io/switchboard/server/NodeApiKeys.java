package io.switchboard.server;

import io.switchboard.server.access.Principal;
import io.switchboard.server.api.ApiKeyApi;
import io.switchboard.server.api.OpenApiDescription;
import io.switchboard.server.apikey.ApiKeySecrets;
import io.switchboard.server.apikey.ApiKeyService;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.store.apikey.ApiKeyDao;

/**
 * A node's integration surface: the OpenAPI description at {@code GET /v1/openapi.json}, and API
 * keys: the store, the service on the business clock (tests move it to see last
 * use and audit entries throttled), the admin routes, the guard that checks every keyed request's
 * scope, and the staff authentication that accepts keys over REST.
 *
 * <p>Stateless and thread-safe: everything it builds is.
 */
final class NodeApiKeys {
  private NodeApiKeys() {}

  static ApiKeyService start(NodeServiceDesk.Parts parts) {
    ApiKeyService keys = new ApiKeyService(new ApiKeyDao(parts.jdbi()),
        parts.stores().users(), parts.audit(), parts.businessClock());
    new ApiKeyApi(keys, parts.auth(), parts.store()).register(parts.api());
    OpenApiDescription.load().register(parts.api());
    parts.auth().acceptKeys(new AuthService.KeyPrincipals() {
      @Override
      public boolean recognises(String token) {
        return ApiKeySecrets.looksLikeKey(token);
      }

      @Override
      public Principal principal(String token) {
        return keys.authenticate(token).principal();
      }
    });
    return keys;
  }
}
