package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.conversation.ConversationStateMachine;
import io.switchboard.server.conversation.StaffActionService;
import io.switchboard.server.util.SwitchboardException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Staff actions on a conversation over REST, the same transitions as the WebSocket commands and
 * checked by the same policy: {@code POST /v1/conversations/{id}/transfer} (to an agent or a
 * queue; for a waiting conversation, supervisors only), {@code .../notes} (a private note),
 * {@code .../close} (with a disposition and tags) and {@code PUT .../priority} (supervisors).
 *
 * <p>Thread-safe.
 */
public final class ConversationActionsApi {
  private final ConversationStateMachine machine;
  private final StaffActionService staffActions;
  private final AuthService auth;

  public ConversationActionsApi(ConversationStateMachine machine,
      StaffActionService staffActions, AuthService auth) {
    this.machine = machine;
    this.staffActions = staffActions;
    this.auth = auth;
  }

  public void register(ApiRoutes routes) {
    routes.add("POST", "/v1/conversations/{id}/transfer", this::transfer);
    routes.add("POST", "/v1/conversations/{id}/notes", this::note);
    routes.add("POST", "/v1/conversations/{id}/close", this::close);
    routes.add("PUT", "/v1/conversations/{id}/priority", this::setPriority);
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
        .thenCompose(staff -> machine.transfer(staff, conversationId,
            agentId == null ? null : agentId.toString(), toQueue, note))
        .thenApply(moved -> ApiResponse.ok(ApiJson.object(
            "conversationId", moved.id().toString(),
            "status", moved.status().wire(),
            "queue", moved.queueId(),
            "agentId", moved.agentId() == null ? null : moved.agentId().toString())));
  }

  private CompletableFuture<ApiResponse> note(ApiRequest request) {
    UUID conversationId = StaffApi.uuid(request.param(0), "conversation");
    String text = request.requiredText("text", 8000);
    return auth.staff(request.bearer())
        .thenCompose(staff -> staffActions.note(staff, conversationId, text))
        .thenApply(note -> ApiResponse.created(ApiJson.object("noteId", note.id(),
            "conversationId", conversationId.toString(), "text", note.body(),
            "at", note.createdAt().toString())));
  }

  private CompletableFuture<ApiResponse> close(ApiRequest request) {
    UUID conversationId = StaffApi.uuid(request.param(0), "conversation");
    String disposition = request.text("disposition");
    if (disposition != null && (disposition.isBlank() || disposition.length() > 64)) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "disposition: 1-64 characters");
    }
    List<String> tags = tags(request.body() == null ? null : request.body().get("tags"));
    return auth.staff(request.bearer())
        .thenCompose(staff -> machine.close(staff, conversationId, disposition, tags))
        .thenApply(closed -> ApiResponse.ok(ApiJson.object(
            "conversationId", closed.id().toString(), "status", closed.status().wire(),
            "disposition", closed.disposition(), "closedAt", closed.closedAt().toString())));
  }

  /** The close's tags, with the limits of the WebSocket {@code close}: 10 of 1-32 characters. */
  private static List<String> tags(JsonNode tagNodes) {
    List<String> tags = new ArrayList<>();
    if (tagNodes == null || tagNodes.isNull()) {
      return tags;
    }
    if (!tagNodes.isArray() || tagNodes.size() > 10) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "tags: at most 10 strings");
    }
    for (JsonNode tag : tagNodes) {
      if (!tag.isTextual() || tag.asText().isBlank() || tag.asText().length() > 32) {
        throw new SwitchboardException(ErrorCode.INVALID_FIELD, "tags: strings of 1-32 characters");
      }
      tags.add(tag.asText());
    }
    return tags;
  }

  /** Supervisors mark a conversation as more urgent (VIP): 0 is normal, 9 the most urgent. */
  private CompletableFuture<ApiResponse> setPriority(ApiRequest request) {
    UUID conversationId = StaffApi.uuid(request.param(0), "conversation");
    JsonNode value = request.body() == null ? null : request.body().get("priority");
    if (value == null || !value.isInt() || value.asInt() < 0 || value.asInt() > 9) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "priority: a whole number from 0 to 9");
    }
    int priority = value.asInt();
    return auth.staff(request.bearer())
        .thenCompose(staff -> machine.prioritize(staff, conversationId, priority))
        .thenApply(done -> ApiResponse.ok(ApiJson.object("conversationId",
            conversationId.toString(), "priority", priority, "waiting", done.waiting())));
  }
}
