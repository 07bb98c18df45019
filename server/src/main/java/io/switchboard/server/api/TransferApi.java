package io.switchboard.server.api;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.conversation.StaffActionService;
import io.switchboard.server.util.SwitchboardException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /v1/conversations/{id}/transfer}: the WebSocket {@code transfer} command over REST,
 * for the supervisor wall. A supervisor assigns a waiting conversation straight to an agent or
 * moves it to another queue; an assigned one moves as with the command. The rules, checks and
 * events are those of {@link StaffActionService}.
 *
 * <p>Thread-safe.
 */
public final class TransferApi {
  private final StaffActionService staffActions;
  private final AuthService auth;

  public TransferApi(StaffActionService staffActions, AuthService auth) {
    this.staffActions = staffActions;
    this.auth = auth;
  }

  public void register(ApiRoutes routes) {
    routes.add("POST", "/v1/conversations/{id}/transfer", this::transfer);
  }

  private CompletableFuture<ApiResponse> transfer(ApiRequest request) {
    UUID conversationId = StaffApi.uuid(request.param(0), "conversation");
    String toAgentId = request.text("toAgentId");
    String toQueue = request.text("toQueue");
    String note = request.text("note");
    if ((toAgentId == null) == (toQueue == null)) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "toAgentId, toQueue: give exactly one");
    }
    if (toQueue != null && (toQueue.isBlank() || toQueue.length() > 64)) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "toQueue: a queue id of 1-64 characters");
    }
    if (note != null && (note.isEmpty() || note.length() > 2000)) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "note: 1-2000 characters");
    }
    UUID agentId = toAgentId == null ? null : StaffApi.uuid(toAgentId, "agent");
    return auth.staff(request.bearer())
        .thenCompose(staff -> staffActions.transfer(staff, conversationId,
            agentId == null ? null : agentId.toString(), toQueue, note))
        .thenApply(moved -> ApiResponse.ok(ApiJson.object(
            "conversationId", moved.id().toString(),
            "status", moved.status().wire(),
            "queue", moved.queueId(),
            "agentId", moved.agentId() == null ? null : moved.agentId().toString())));
  }
}
