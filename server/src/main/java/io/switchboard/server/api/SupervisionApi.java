package io.switchboard.server.api;

import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Relation;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.conversation.ConversationAccess;
import io.switchboard.server.conversation.SupervisionService;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.conversation.ParticipantDao;
import io.switchboard.server.store.queue.QueueInfo;
import io.switchboard.server.util.BlockingExecutor;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A supervisor's tools over REST: {@code GET /v1/live-conversations} (the conversations being
 * served now in their teams' queues; an admin: all), {@code POST /v1/conversations/{id}/whisper}
 * (a note to the agent the visitor never sees), {@code POST .../barge} (join beside the agent)
 * and {@code GET .../history} (the conversation's recorded history: queued, assigned, joined,
 * whispered, monitored, closed ...). Monitoring itself is following the conversation over the
 * WebSocket ({@code resume}).
 *
 * <p>Thread-safe.
 */
public final class SupervisionApi {
  private final SupervisionService supervision;
  private final ConversationAccess access;
  private final ParticipantDao participants;
  private final Stores stores;
  private final AuthService auth;
  private final BlockingExecutor store;

  public SupervisionApi(SupervisionService supervision, ConversationAccess access, Stores stores,
      AuthService auth, BlockingExecutor store) {
    this.supervision = supervision;
    this.access = access;
    this.participants = stores.participants();
    this.stores = stores;
    this.auth = auth;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/live-conversations", this::live);
    routes.add("POST", "/v1/conversations/{id}/whisper", this::whisper);
    routes.add("POST", "/v1/conversations/{id}/barge", this::barge);
    routes.add("GET", "/v1/conversations/{id}/history", this::history);
  }

  private CompletableFuture<ApiResponse> live(ApiRequest request) {
    return auth.staff(request.bearer()).thenCompose(staff -> store.call(() -> {
      AccessPolicy.requireRole(staff, Action.WATCH_QUEUES);
      Collection<String> queues = AccessPolicy.permits(staff, Action.WATCH_QUEUES, Relation.NONE)
          ? stores.queues().all().stream().map(QueueInfo::id).toList() : staff.teamQueues();
      return ApiResponse.ok(participants.live(queues).stream().map(live -> ApiJson.object(
          "conversationId", live.id().toString(), "queue", live.queueId(),
          "contactName", live.contactName(),
          "agent", ApiJson.object("id", live.agentId().toString(), "name", live.agentName()),
          "assignedAt", live.assignedAt() == null ? null : live.assignedAt().toString(),
          "lastSeq", live.lastSeq(),
          "participants", live.participants().stream().map(UUID::toString).toList())).toList());
    }));
  }

  private CompletableFuture<ApiResponse> whisper(ApiRequest request) {
    UUID conversationId = StaffApi.uuid(request.param(0), "conversation");
    String text = request.requiredText("text", 8000);
    return auth.staff(request.bearer())
        .thenCompose(staff -> supervision.whisper(staff, conversationId, text))
        .thenApply(note -> ApiResponse.created(ApiJson.object("noteId", note.id(),
            "conversationId", conversationId.toString(), "text", note.body(),
            "kind", note.kind(), "at", note.createdAt().toString())));
  }

  private CompletableFuture<ApiResponse> barge(ApiRequest request) {
    UUID conversationId = StaffApi.uuid(request.param(0), "conversation");
    return auth.staff(request.bearer())
        .thenCompose(staff -> supervision.barge(staff, conversationId))
        .thenApply(conversation -> ApiResponse.ok(ApiJson.object(
            "conversationId", conversation.id().toString(),
            "status", conversation.status().wire(), "lastSeq", conversation.lastSeq())));
  }

  private CompletableFuture<ApiResponse> history(ApiRequest request) {
    UUID conversationId = StaffApi.uuid(request.param(0), "conversation");
    return auth.staff(request.bearer()).thenCompose(staff -> store.call(() -> {
      access.find(staff, Action.READ, conversationId);
      return ApiResponse.ok(participants.history(conversationId).stream().map(entry ->
          ApiJson.object("kind", entry.kind(),
              "actor", entry.actorId() == null ? null
                  : ApiJson.object("id", entry.actorId(), "name", entry.actorName()),
              "detail", ApiJson.parse(entry.detailJson()),
              "at", entry.at().toString())).toList());
    }));
  }
}
