package io.switchboard.server.api;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.conversation.ConversationAccess;
import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.PresenceStore;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.attachment.AttachmentLinks;
import io.switchboard.server.store.contact.Contact;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.Note;
import io.switchboard.server.store.user.PreferenceDao;
import io.switchboard.server.store.user.User;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * REST endpoints of the agent console: who am I, conversation details and transcripts, notes,
 * and a contact's earlier conversations. Queue and agent overviews are in {@link WallApi},
 * actions on a conversation in {@link ConversationActionsApi}, canned replies in
 * {@link CannedReplyApi}. Every call checks
 * the staff token, and {@link ConversationAccess} decides as for the WebSocket: agents read
 * conversations assigned to them and those of contacts they serve or served; supervisors and
 * admins read any.
 *
 * <p>Thread-safe.
 */
public final class StaffApi {
  private final Stores db;
  private final ConversationAccess access;
  private final PresenceStore presence;
  private final AuthService auth;
  private final BlockingExecutor store;
  private final AttachmentLinks links;

  public StaffApi(Stores stores, ConversationAccess access, PresenceStore presence,
      AuthService auth, BlockingExecutor store, AttachmentLinks links) {
    this.links = links;
    this.db = stores;
    this.access = access;
    this.presence = presence;
    this.auth = auth;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/me", this::me);
    routes.add("PUT", "/v1/me/language", this::setLanguage);
    routes.add("GET", "/v1/conversations/{id}", this::conversation);
    routes.add("GET", "/v1/conversations/{id}/messages", this::messages);
    routes.add("GET", "/v1/conversations/{id}/notes", this::notes);
    routes.add("GET", "/v1/contacts/{id}/conversations", this::contactHistory);
  }

  private CompletableFuture<ApiResponse> me(ApiRequest request) {
    return auth.staff(request.bearer()).thenCompose(staff -> {
      UUID id = UUID.fromString(staff.id());
      return presence.status(id).toCompletableFuture().thenCombine(
          store.call(() -> Map.entry(db.users().find(id).orElseThrow(),
              db.preferences().language(id))), (status, found) -> {
            var user = found.getKey();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("userId", staff.id());
            body.put("name", user.displayName());
            body.put("email", user.email());
            body.put("role", staff.role().wire());
            body.put("capacity", user.capacity());
            body.put("queues", staff.queues());
            body.put("status", status.wire());
            found.getValue().ifPresent(language -> body.put("language", language));
            return ApiResponse.ok(body);
          });
    });
  }

  /** The console language that follows the user to every browser: en, zh-CN, or null. */
  private CompletableFuture<ApiResponse> setLanguage(ApiRequest request) {
    String language = request.text("language");
    if (language != null && !PreferenceDao.LANGUAGES.contains(language)) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "language: en, zh-CN, or null for the browser's");
    }
    return auth.staff(request.bearer()).thenCompose(staff -> store.call(() -> {
      AccessPolicy.requireRole(staff, Action.USE_CONSOLE);
      db.preferences().setLanguage(UUID.fromString(staff.id()), language);
      return ApiResponse.noContent();
    }));
  }

  private CompletableFuture<ApiResponse> conversation(ApiRequest request) {
    UUID id = uuid(request.param(0), "conversation");
    return auth.staff(request.bearer()).thenCompose(staff -> store.call(() -> {
      Conversation conversation = access.find(staff, Action.READ, id);
      Contact contact = db.contacts().find(conversation.contactId()).orElseThrow();
      Map<String, Object> contactBody = new LinkedHashMap<>();
      contactBody.put("id", contact.id().toString());
      contactBody.put("name", contact.name());
      contactBody.put("email", contact.email());
      contactBody.put("phone", contact.phone());
      db.contacts().context(contact.id()).ifPresent(context -> contactBody.put("context",
          ApiJson.object("url", context.url(), "title", context.title(),
              "userAgent", context.userAgent(), "language", context.language(),
              "timeZone", context.timeZone(), "at", context.at().toString())));
      Map<String, Object> body = ApiJson.conversation(conversation, agentName(conversation));
      body.put("fields", conversation.fields());
      body.put("tags", db.conversations().tags(id));
      db.ratings().find(id).ifPresent(rating -> body.put("rating",
          ApiJson.object("score", rating.score(), "comment", rating.comment())));
      body.put("contact", contactBody);
      return ApiResponse.ok(body);
    }));
  }

  private CompletableFuture<ApiResponse> messages(ApiRequest request) {
    UUID id = uuid(request.param(0), "conversation");
    int after = request.queryInt("after", 0, 0, Integer.MAX_VALUE);
    int limit = request.queryInt("limit", 500, 1, 1000);
    return auth.staff(request.bearer()).thenCompose(staff -> store.call(() -> {
      access.find(staff, Action.READ, id);
      List<Map<String, Object>> list = new ArrayList<>();
      db.messages().after(id, after, limit).forEach(message -> list.add(ApiJson.object(
          "seq", message.seq(), "clientMsgId", message.clientMsgId(),
          "sender", ApiJson.object("role", message.senderRole(), "id", message.senderId()),
          "text", message.body(), "at", message.createdAt().toString(),
          "attachments", AttachmentJson.all(message.attachments(), links))));
      return ApiResponse.ok(list);
    }));
  }

  private CompletableFuture<ApiResponse> notes(ApiRequest request) {
    UUID id = uuid(request.param(0), "conversation");
    return auth.staff(request.bearer()).thenCompose(staff -> store.call(() -> {
      access.find(staff, Action.READ, id);
      List<Map<String, Object>> list = new ArrayList<>();
      db.notes().list(id).forEach(note -> list.add(ApiJson.object("noteId", note.id(),
          "author", ApiJson.object("role", "agent", "id", note.authorId().toString(),
              "name", note.authorName()),
          "text", note.body(), "at", note.createdAt().toString(),
          "kind", note.isWhisper() ? Note.WHISPER : null)));
      return ApiResponse.ok(list);
    }));
  }

  private CompletableFuture<ApiResponse> contactHistory(ApiRequest request) {
    UUID contactId = uuid(request.param(0), "contact");
    return auth.staff(request.bearer()).thenCompose(staff -> store.call(() -> {
      access.requireContactHistory(staff, contactId);
      List<Conversation> history = db.conversations().forContact(contactId, 50);
      List<Map<String, Object>> list = new ArrayList<>();
      history.forEach(conversation ->
          list.add(ApiJson.conversation(conversation, agentName(conversation))));
      return ApiResponse.ok(list);
    }));
  }

  // ---- access ------------------------------------------------------------------------------

  private String agentName(Conversation conversation) {
    return conversation.agentId() == null ? null
        : db.users().find(conversation.agentId()).map(User::displayName).orElse(null);
  }

  static UUID uuid(String value, String what) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND, "no such " + what);
    }
  }

  /** Used by {@link WallApi} too: presence of a user as its wire word. */
  static CompletableFuture<String> statusOf(PresenceStore presence, UUID userId) {
    return presence.status(userId).toCompletableFuture().thenApply(AgentStatus::wire);
  }
}
