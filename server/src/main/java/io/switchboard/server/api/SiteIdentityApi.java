package io.switchboard.server.api;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.auth.identity.IdentityKeys;
import io.switchboard.server.store.identity.IdentityKey;
import io.switchboard.server.store.identity.IdentityKeyDao;
import io.switchboard.server.store.site.SiteDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A site's visitor identity verification, for admins: {@code GET /v1/admin/sites/{id}/identity}
 * (whether it is enforced, and the keys without their secrets), {@code PUT} of the same (turn
 * enforcement on or off), {@code POST .../identity/keys} (a new key: a generated secret, shown
 * once, or a public key; the older keys expire after the overlap) and {@code DELETE
 * .../identity/keys/{keyId}}.
 *
 * <p>Thread-safe.
 */
public final class SiteIdentityApi {
  private static final long DEFAULT_OVERLAP_SECONDS = Duration.ofDays(1).toSeconds();
  private static final long MAX_OVERLAP_SECONDS = Duration.ofDays(30).toSeconds();

  private final SiteDao sites;
  private final IdentityKeyDao keys;
  private final AuthService auth;
  private final BlockingExecutor store;
  private final Clock clock;

  public SiteIdentityApi(SiteDao sites, IdentityKeyDao keys, AuthService auth,
      BlockingExecutor store, Clock clock) {
    this.sites = sites;
    this.keys = keys;
    this.auth = auth;
    this.store = store;
    this.clock = clock;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/admin/sites/{id}/identity", request -> admin(request)
        .thenCompose(staff -> store.call(() -> ApiResponse.ok(describe(request.param(0))))));
    routes.add("PUT", "/v1/admin/sites/{id}/identity", this::setEnforced);
    routes.add("POST", "/v1/admin/sites/{id}/identity/keys", this::addKey);
    routes.add("DELETE", "/v1/admin/sites/{id}/identity/keys/{keyId}", request -> admin(request)
        .thenCompose(staff -> store.call(() -> {
          keys.delete(request.param(0), request.param(1));
          return ApiResponse.noContent();
        })));
  }

  private CompletableFuture<ApiResponse> setEnforced(ApiRequest request) {
    var enforced = request.body() == null ? null : request.body().get("enforced");
    if (enforced == null || !enforced.isBoolean()) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "enforced: required, true or false");
    }
    String siteId = request.param(0);
    return admin(request).thenCompose(staff -> store.call(() -> {
      if (enforced.asBoolean() && keys.keys(siteId).stream()
          .noneMatch(key -> key.activeAt(clock.instant()))) {
        throw new SwitchboardException(ErrorCode.CONFLICT,
            "add an identity key before enforcing verified identities");
      }
      if (!keys.setEnforced(siteId, enforced.asBoolean())) {
        throw new SwitchboardException(ErrorCode.NOT_FOUND, "unknown site " + siteId);
      }
      return ApiResponse.ok(describe(siteId));
    }));
  }

  private CompletableFuture<ApiResponse> addKey(ApiRequest request) {
    String siteId = request.param(0);
    String kind = request.requiredText("kind", 16);
    String keyId = request.text("keyId");
    String publicKey = request.text("publicKey");
    var overlapNode = request.body().get("overlapSeconds");
    if (overlapNode != null && !overlapNode.isNull() && (!overlapNode.canConvertToLong()
        || overlapNode.asLong() < 0 || overlapNode.asLong() > MAX_OVERLAP_SECONDS)) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "overlapSeconds: a whole number from 0 to " + MAX_OVERLAP_SECONDS);
    }
    long overlap = overlapNode == null || overlapNode.isNull() ? DEFAULT_OVERLAP_SECONDS
        : overlapNode.asLong();
    IdentityKeys.NewKey key = IdentityKeys.newKey(siteId, kind, keyId, publicKey, clock);
    return admin(request).thenCompose(staff -> store.call(() -> {
      sites.find(siteId).orElseThrow(() ->
          new SwitchboardException(ErrorCode.NOT_FOUND, "unknown site " + siteId));
      Instant othersExpire = clock.instant().plusSeconds(overlap);
      keys.add(key.key(), othersExpire);
      Map<String, Object> body = json(key.key());
      if (key.secretText() != null) {
        body.put("secret", key.secretText());
      }
      return ApiResponse.created(body);
    }));
  }

  private Map<String, Object> describe(String siteId) {
    var site = sites.find(siteId).orElseThrow(() ->
        new SwitchboardException(ErrorCode.NOT_FOUND, "unknown site " + siteId));
    Instant now = clock.instant();
    return ApiJson.object("siteId", siteId, "enforced", site.identityEnforced(),
        "keys", keys.keys(siteId).stream().map(key -> {
          Map<String, Object> json = json(key);
          json.put("active", key.activeAt(now));
          return json;
        }).toList());
  }

  private static Map<String, Object> json(IdentityKey key) {
    return ApiJson.object("keyId", key.keyId(), "kind", key.kind(),
        "createdAt", key.createdAt() == null ? null : key.createdAt().toString(),
        "expiresAt", key.expiresAt() == null ? null : key.expiresAt().toString());
  }

  private CompletableFuture<Principal> admin(ApiRequest request) {
    return auth.staff(request.bearer()).thenApply(staff -> {
      AccessPolicy.requireRole(staff, Action.MANAGE_SITES);
      return staff;
    });
  }
}
