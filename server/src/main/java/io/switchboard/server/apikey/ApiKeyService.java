package io.switchboard.server.apikey;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.KeyScope;
import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Role;
import io.switchboard.server.audit.AuditLog;
import io.switchboard.server.store.apikey.ApiKey;
import io.switchboard.server.store.apikey.ApiKeyDao;
import io.switchboard.server.store.user.User;
import io.switchboard.server.store.user.UserDao;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys: admins create them (the secret is returned once), list and revoke them; a request
 * with a key is authenticated as an admin principal limited by the key's {@link KeyScope}
 * through {@link AccessPolicy#requireKeyScope}. Uses are recorded without a write per request:
 * the key's last use at most once a {@link #INTERVAL} per node (and the row itself once per
 * interval across nodes), an audit entry for every write and every use of a GDPR route (that
 * one committed before the route runs), and at most one per key, method and route per interval
 * for other reads. A key stops working when revoked or when the admin who created
 * it is disabled. Every method does store work: call it on the store executor.
 *
 * <p>Thread-safe: the throttling maps are concurrent.
 */
public final class ApiKeyService {
  /** How often a key's last use and its reads are recorded at most. */
  public static final Duration INTERVAL = Duration.ofMinutes(1);
  private static final int MAX_NAME = 100;
  private static final int PRUNE_AT = 10_000;

  /** A new key and its secret, which is never shown again. */
  public record Created(ApiKey key, String secret) {}

  /** A key that authenticated, with the principal it acts as. */
  public record Authenticated(ApiKey key, Principal principal) {}

  private final ApiKeyDao keys;
  private final UserDao users;
  private final AuditLog audit;
  private final Clock clock;
  private final Map<UUID, Instant> usesRecorded = new ConcurrentHashMap<>();
  private final Map<String, Instant> readsAudited = new ConcurrentHashMap<>();

  public ApiKeyService(ApiKeyDao keys, UserDao users, AuditLog audit, Clock clock) {
    this.keys = keys;
    this.users = users;
    this.audit = audit;
    this.clock = clock;
  }

  /** Creates a key for {@code admin}; INVALID_FIELD for a blank name or an unknown scope. */
  public Created create(Principal admin, String name, List<String> access,
      List<String> resources) {
    AccessPolicy.requireRole(admin, Action.MANAGE_API_KEYS);
    if (name == null || name.isBlank() || name.strip().length() > MAX_NAME) {
      throw invalid("name: required, at most " + MAX_NAME + " characters");
    }
    Set<String> accessSet = new LinkedHashSet<>(access);
    if (accessSet.isEmpty() || !Set.of(KeyScope.READ, KeyScope.WRITE).containsAll(accessSet)) {
      throw invalid("access: one or both of read, write");
    }
    Set<String> resourceSet = new LinkedHashSet<>(resources);
    if (resourceSet.isEmpty() || !KeyScope.RESOURCES.containsAll(resourceSet)) {
      throw invalid("resources: one or more of " + String.join(", ", KeyScope.RESOURCES));
    }
    String secret = ApiKeySecrets.newSecret();
    ApiKey key = new ApiKey(UUID.randomUUID(), name.strip(),
        secret.substring(0, ApiKeySecrets.SHOWN), accessSet, resourceSet,
        UUID.fromString(admin.id()), clock.instant(), null, null);
    keys.insert(key, ApiKeySecrets.hash(secret));
    return new Created(key, secret);
  }

  /** Every key, newest first. */
  public List<ApiKey> list(Principal admin) {
    AccessPolicy.requireRole(admin, Action.MANAGE_API_KEYS);
    return keys.list();
  }

  /** Revokes a key; NOT_FOUND when there is no such key or it is already revoked. */
  public ApiKey revoke(Principal admin, UUID id) {
    AccessPolicy.requireRole(admin, Action.MANAGE_API_KEYS);
    if (!keys.revoke(id, clock.instant())) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND, "no such API key, or already revoked");
    }
    return keys.find(id).orElseThrow();
  }

  /** The key behind a secret as a principal; UNAUTHORIZED when unknown, revoked or orphaned. */
  public Authenticated authenticate(String secret) {
    byte[] hash = ApiKeySecrets.hash(secret);
    ApiKey key = keys.findBySecretHash(hash).filter(k -> !k.revoked()).orElseThrow(() ->
        new SwitchboardException(ErrorCode.UNAUTHORIZED, "the API key is unknown or revoked"));
    User creator = users.find(key.createdBy()).filter(u -> !u.disabled()).orElseThrow(() ->
        new SwitchboardException(ErrorCode.UNAUTHORIZED, "the API key's creator is disabled"));
    Principal principal = new Principal(Role.ADMIN, creator.id().toString(), null,
        key.name() + " (API key)", 0, List.of(), hash, Set.of());
    return new Authenticated(key, principal);
  }

  /**
   * Authenticates a request made with a key and checks its scope for the route ({@code route} is
   * the path pattern, {@code params} its values); records the use whether it is allowed or not,
   * then throws UNAUTHORIZED or FORBIDDEN for a refusal.
   */
  public void authorize(String secret, String method, String route, List<String> params,
      String address) {
    ApiKey key = authenticate(secret).key();
    if (KeyedRoutes.open(route)) {
      used(key, method, route, params, address, "allowed");
      return;
    }
    try {
      AccessPolicy.requireKeyScope(new KeyScope(key.access(), key.resources()), method,
          KeyedRoutes.needed(route));
    } catch (SwitchboardException refused) {
      used(key, method, route, params, address, "forbidden");
      throw refused;
    }
    used(key, method, route, params, address, "allowed");
  }

  private void used(ApiKey key, String method, String route, List<String> params,
      String address, String outcome) {
    Instant now = clock.instant();
    Instant recorded = usesRecorded.get(key.id());
    if (recorded == null || !recorded.plus(INTERVAL).isAfter(now)) {
      usesRecorded.put(key.id(), now);
      keys.recordUse(key.id(), now, now.minus(INTERVAL));
    }
    boolean gdpr = KeyedRoutes.alwaysAudited(route);
    boolean everyUse = KeyScope.writes(method) || gdpr;
    String readKey = key.id() + " " + method + " " + route + " " + outcome;
    if (!everyUse) {
      Instant audited = readsAudited.get(readKey);
      if (audited != null && audited.plus(INTERVAL).isAfter(now)) {
        return;
      }
      if (readsAudited.size() > PRUNE_AT) {
        readsAudited.values().removeIf(at -> !at.plus(INTERVAL).isAfter(now));
      }
      readsAudited.put(readKey, now);
    }
    AuditLog.Event event = new AuditLog.Event(key.id().toString(), "api_key",
        method + " " + route, "api-key", key.id().toString(), address, null,
        AuditLog.json(Map.of("key", key.name(), "params", params, "outcome", outcome)));
    if (gdpr) {
      audit.recordNow(event); // before the erasure runs, so that it redacts the contact's id
    } else {
      audit.record(event);
    }
  }

  private static SwitchboardException invalid(String message) {
    return new SwitchboardException(ErrorCode.INVALID_FIELD, message);
  }
}
