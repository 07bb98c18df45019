package io.switchboard.server.api;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Role;
import io.switchboard.server.auth.AccountService;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.store.user.User;
import io.switchboard.server.store.user.UserAccountDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Accounts over REST: a user's own name and password ({@code PUT /v1/me}, {@code POST
 * /v1/me/password}); for admins the users list, creating (with a password or an invitation
 * link), editing name, email and role, and password resets; and the public one-time password
 * links ({@code GET} and {@code POST /v1/password-links/{token}}). Disabling and enabling users is
 * {@link UserAdminApi}.
 *
 * <p>Thread-safe.
 */
public final class AccountApi {
  private static final String LINK_PATH = "/console#/password/";

  private final AccountService accounts;
  private final UserAccountDao users;
  private final AuthService auth;
  private final BlockingExecutor store;

  public AccountApi(AccountService accounts, UserAccountDao users, AuthService auth,
      BlockingExecutor store) {
    this.accounts = accounts;
    this.users = users;
    this.auth = auth;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    routes.add("PUT", "/v1/me", request -> staff(request).thenCompose(me ->
        accounts.rename(me, request.requiredText("name", 100).strip()))
        .thenApply(user -> ApiResponse.ok(json(user))));
    routes.add("POST", "/v1/me/password", request -> staff(request).thenCompose(me ->
        accounts.changePassword(me, request.requiredText("currentPassword", 256),
            request.requiredText("newPassword", 256)))
        .thenApply(ignored -> ApiResponse.noContent()));
    routes.add("GET", "/v1/admin/users", request -> admin(request).thenCompose(me ->
        store.call(() -> ApiResponse.ok(users.all().stream().map(AccountApi::json).toList()))));
    routes.add("POST", "/v1/admin/users", this::create);
    routes.add("PUT", "/v1/admin/users/{id}", this::update);
    routes.add("POST", "/v1/admin/users/{id}/password-reset", request -> admin(request)
        .thenCompose(me -> accounts.startReset(userId(request.param(0))))
        .thenApply(link -> ApiResponse.ok(ApiJson.object("resetPath", LINK_PATH + link.token(),
            "expiresAt", link.expiresAt().toString()))));
    routes.add("GET", "/v1/password-links/{token}", request -> accounts
        .linkOwner(request.param(0))
        .thenApply(user -> ApiResponse.ok(ApiJson.object("name", user.displayName(),
            "email", user.email()))));
    routes.add("POST", "/v1/password-links/{token}", request -> accounts
        .useLink(request.param(0), request.requiredText("password", 256))
        .thenApply(ignored -> ApiResponse.noContent()));
  }

  private CompletableFuture<ApiResponse> create(ApiRequest request) {
    String email = email(request.requiredText("email", 254));
    String name = request.requiredText("name", 100).strip();
    Role role = role(request.requiredText("role", 16));
    String password = request.text("password");
    int capacity = request.body().has("capacity") ? intField(request, "capacity", 1, 100) : 3;
    return admin(request).thenCompose(me -> accounts.create(email, name, role, capacity, password))
        .thenApply(created -> {
          Map<String, Object> body = json(created.user());
          if (created.inviteToken() != null) {
            body.put("invitePath", LINK_PATH + created.inviteToken());
            body.put("inviteExpiresAt", created.inviteExpiresAt().toString());
          }
          return ApiResponse.created(body);
        });
  }

  private CompletableFuture<ApiResponse> update(ApiRequest request) {
    UUID id = userId(request.param(0));
    String name = request.text("name") == null ? null : request.requiredText("name", 100).strip();
    String email = request.text("email") == null ? null : email(request.text("email"));
    Role role = request.text("role") == null ? null : role(request.text("role"));
    return admin(request).thenCompose(me -> store.call(() -> {
      if (role != null && me.id().equals(id.toString()) && role != me.role()) {
        throw new SwitchboardException(ErrorCode.CONFLICT,
            "role: you cannot change your own role; ask another admin");
      }
      var before = users.find(id).orElseThrow(() ->
          new SwitchboardException(ErrorCode.NOT_FOUND, "no such user"));
      if (!users.update(id, name, email, role)) {
        throw new SwitchboardException(ErrorCode.NOT_FOUND, "no such user");
      }
      return ApiResponse.ok(json(users.find(id).orElseThrow())).withBefore(json(before));
    }));
  }

  private CompletableFuture<Principal> staff(ApiRequest request) {
    return auth.staff(request.bearer()).thenApply(me -> {
      AccessPolicy.requireRole(me, Action.USE_CONSOLE);
      return me;
    });
  }

  private CompletableFuture<Principal> admin(ApiRequest request) {
    return auth.staff(request.bearer()).thenApply(me -> {
      AccessPolicy.requireRole(me, Action.MANAGE_USERS);
      return me;
    });
  }

  /** A user as the admin endpoints answer it. */
  static Map<String, Object> json(User user) {
    return ApiJson.object("id", user.id().toString(), "email", user.email(),
        "name", user.displayName(), "role", user.role().wire(), "capacity", user.capacity(),
        "disabled", user.disabled());
  }

  private static String email(String value) {
    String email = value.strip();
    if (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+")) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "email: not an email address");
    }
    return email;
  }

  private static Role role(String value) {
    return switch (value) {
      case "agent" -> Role.AGENT;
      case "supervisor" -> Role.SUPERVISOR;
      case "admin" -> Role.ADMIN;
      default -> throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "role: agent, supervisor or admin");
    };
  }

  private static int intField(ApiRequest request, String field, int min, int max) {
    var node = request.body().get(field);
    if (node == null || !node.canConvertToInt() || !node.isIntegralNumber()
        || node.asInt() < min || node.asInt() > max) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          field + ": a whole number from " + min + " to " + max);
    }
    return node.asInt();
  }

  /** The user id in a path; a malformed one is {@code not_found}, like an unknown one. */
  static UUID userId(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND, "no such user: " + value);
    }
  }
}
