package io.switchboard.server.api;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.store.canned.CannedReplyDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Canned replies over REST: every staff member lists them ({@code GET /v1/canned-replies});
 * admins create ({@code POST}), change ({@code PUT .../{id}}) and delete them. A shortcut that is
 * taken is refused with a message that names it.
 *
 * <p>Thread-safe.
 */
public final class CannedReplyApi {
  private final CannedReplyDao replies;
  private final AuthService auth;
  private final BlockingExecutor store;

  public CannedReplyApi(CannedReplyDao replies, AuthService auth, BlockingExecutor store) {
    this.replies = replies;
    this.auth = auth;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/canned-replies", request -> auth.staff(request.bearer())
        .thenCompose(staff -> store.call(() -> ApiResponse.ok(replies.list().stream()
            .map(CannedReplyApi::json).toList()))));
    routes.add("POST", "/v1/canned-replies", request -> {
      String shortcut = shortcut(request);
      String text = request.requiredText("text", 2000);
      return admin(request).thenCompose(staff -> store.call(() -> ApiResponse.created(json(
          unique(shortcut, () -> replies.create(shortcut, text))))));
    });
    routes.add("PUT", "/v1/canned-replies/{id}", request -> {
      long id = id(request);
      String shortcut = shortcut(request);
      String text = request.requiredText("text", 2000);
      return admin(request).thenCompose(staff -> store.call(() -> ApiResponse.ok(json(
          unique(shortcut, () -> replies.update(id, shortcut, text).orElseThrow(() ->
              new SwitchboardException(ErrorCode.NOT_FOUND, "no such canned reply")))))));
    });
    routes.add("DELETE", "/v1/canned-replies/{id}", request -> {
      long id = id(request);
      return admin(request).thenCompose(staff -> store.call(() -> {
        if (!replies.delete(id)) {
          throw new SwitchboardException(ErrorCode.NOT_FOUND, "no such canned reply");
        }
        return ApiResponse.noContent();
      }));
    });
  }

  /** Runs the write; a taken shortcut becomes a CONFLICT that says which. */
  private static CannedReplyDao.CannedReply unique(String shortcut,
      Supplier<CannedReplyDao.CannedReply> write) {
    try {
      return write.get();
    } catch (SwitchboardException e) {
      if (e.code() == ErrorCode.CONFLICT) {
        throw new SwitchboardException(ErrorCode.CONFLICT, "shortcut: /" + shortcut
            + " is taken by another canned reply; choose another or change that one");
      }
      throw e;
    }
  }

  private static String shortcut(ApiRequest request) {
    String shortcut = request.requiredText("shortcut", 32);
    if (!shortcut.matches("[A-Za-z0-9_-]{1,32}")) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "shortcut: letters, digits, '-' and '_' only");
    }
    return shortcut;
  }

  private static long id(ApiRequest request) {
    try {
      return Long.parseLong(request.param(0));
    } catch (NumberFormatException e) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND, "no such canned reply");
    }
  }

  private static Map<String, Object> json(CannedReplyDao.CannedReply reply) {
    return ApiJson.object("id", reply.id(), "shortcut", reply.shortcut(), "text", reply.text());
  }

  private CompletableFuture<Principal> admin(ApiRequest request) {
    return auth.staff(request.bearer()).thenApply(staff -> {
      AccessPolicy.requireRole(staff, Action.MANAGE_CANNED_REPLIES);
      return staff;
    });
  }
}
