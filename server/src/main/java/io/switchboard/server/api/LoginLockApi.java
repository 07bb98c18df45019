package io.switchboard.server.api;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.auth.lockout.LoginGuard;
import io.switchboard.server.store.user.UserDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Login locks over REST: an admin ends the lock of a user's account at once ({@code POST
 * /v1/admin/users/{id}/unlock}); its failed attempts are forgotten too. Locks themselves come
 * from {@link LoginGuard}, counted on every login.
 *
 * <p>Thread-safe.
 */
public final class LoginLockApi {
  private final LoginGuard guard;
  private final UserDao users;
  private final AuthService auth;
  private final BlockingExecutor store;

  public LoginLockApi(LoginGuard guard, UserDao users, AuthService auth, BlockingExecutor store) {
    this.guard = guard;
    this.users = users;
    this.auth = auth;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    routes.add("POST", "/v1/admin/users/{id}/unlock", this::unlock);
  }

  /** Answers the unlocked user, as the other user endpoints do. */
  private CompletableFuture<ApiResponse> unlock(ApiRequest request) {
    UUID id = AccountApi.userId(request.param(0));
    return auth.staff(request.bearer()).thenCompose(admin -> {
      AccessPolicy.requireRole(admin, Action.UNLOCK_LOGINS);
      return store.call(() -> users.find(id).orElseThrow(() ->
              new SwitchboardException(ErrorCode.NOT_FOUND, "no such user")))
          .thenCompose(user -> guard.unlock(user.id(), user.email(), admin.id())
              .thenApply(ignored -> ApiResponse.ok(AccountApi.json(user))));
    });
  }
}
