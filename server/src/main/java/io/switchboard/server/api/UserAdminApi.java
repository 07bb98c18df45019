package io.switchboard.server.api;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.auth.AccountService;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.util.SwitchboardException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Disabling and enabling users, for admins: {@code POST /v1/admin/users/{id}/disable} revokes every
 * token of the user and closes all their sockets on every node (4001), and their logins are
 * refused until {@code POST /v1/admin/users/{id}/enable}. Answers the user; {@code 400
 * invalid_field} for an id that is not a UUID, {@code 404} for an unknown user, and {@code 409
 * conflict} for the admin's own account (an admin who locked themselves out would need another
 * admin, or the database, to get back in).
 *
 * <p>Thread-safe: stateless.
 */
public final class UserAdminApi {
  private final AccountService accounts;
  private final AuthService auth;

  public UserAdminApi(AccountService accounts, AuthService auth) {
    this.accounts = accounts;
    this.auth = auth;
  }

  public void register(ApiRoutes routes) {
    routes.add("POST", "/v1/admin/users/{id}/disable",
        request -> setDisabled(request, Action.DISABLE_USERS, true));
    routes.add("POST", "/v1/admin/users/{id}/enable",
        request -> setDisabled(request, Action.ENABLE_USERS, false));
  }

  private CompletableFuture<ApiResponse> setDisabled(ApiRequest request, Action action,
      boolean disabled) {
    return auth.staff(request.bearer()).thenCompose(me -> {
      AccessPolicy.requireRole(me, action);
      return accounts.setDisabled(me, userId(request.param(0)), disabled);
    }).thenApply(user -> ApiResponse.ok(AccountApi.json(user)));
  }

  private static UUID userId(String value) {
    try {
      // UUID.fromString also takes short forms such as 1-2-3-4-5; an id is always 36 characters.
      if (value.length() == 36) {
        return UUID.fromString(value);
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw new SwitchboardException(ErrorCode.INVALID_FIELD, "id: not a user id");
  }
}
