package io.switchboard.server.api;

import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Relation;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.presence.NodeCard;
import io.switchboard.server.presence.PresenceStore;
import io.switchboard.server.presence.RedisNodeDirectory;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.contact.Contact;
import io.switchboard.server.store.contact.ContactDao;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.queue.QueueDao;
import io.switchboard.server.store.queue.QueueInfo;
import io.switchboard.server.store.rules.RoutingRulesDao;
import io.switchboard.server.store.rules.SkillProfile;
import io.switchboard.server.store.team.Team;
import io.switchboard.server.store.team.TeamDao;
import io.switchboard.server.store.user.User;
import io.switchboard.server.store.user.UserDao;
import io.switchboard.server.util.BlockingExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The live overview: agents with status and load against capacity, queues with how many wait,
 * the longest wait and who is online or away, (for supervisors) who is waiting, and the live
 * server nodes. Loads come from PostgreSQL (the truth), statuses and nodes from Redis. The wall
 * answers one team's or queue's rows a page at a time when asked ({@link WallSelection}).
 *
 * <p>Thread-safe.
 */
public final class WallApi {
  private final QueueDao queues;
  private final UserDao users;
  private final TeamDao teams;
  private final ContactDao contacts;
  private final ConversationDao conversations;
  private final RoutingRulesDao rules;
  private final PresenceStore presence;
  private final RedisNodeDirectory nodes;
  private final AuthService auth;
  private final BlockingExecutor store;
  private final Clock clock;

  /** A snapshot read from PostgreSQL in one go. */
  private record Snapshot(List<User> users, Map<UUID, List<String>> memberships,
      Map<UUID, Integer> loads, List<QueueInfo> queues, Map<String, ConversationDao.QueueLoad> waiting,
      Map<UUID, SkillProfile> agentSkills, Map<String, SkillProfile> queueRules,
      List<Team> teams) {}

  public WallApi(Stores stores, PresenceStore presence, RedisNodeDirectory nodes, AuthService auth,
      BlockingExecutor store, Clock clock) {
    this.rules = stores.rules();
    this.queues = stores.queues();
    this.teams = stores.teams();
    this.users = stores.users();
    this.contacts = stores.contacts();
    this.conversations = stores.conversations();
    this.presence = presence;
    this.nodes = nodes;
    this.auth = auth;
    this.store = store;
    this.clock = clock;
  }

  public void register(ApiRoutes routes) {
    // Every staff member lists all agents and queues: they are the transfer targets.
    routes.add("GET", "/v1/agents", request -> auth.staff(request.bearer())
        .thenCompose(staff -> snapshot(null)).thenCompose(this::agents).thenApply(ApiResponse::ok));
    routes.add("GET", "/v1/queues", request -> auth.staff(request.bearer())
        .thenCompose(staff -> snapshot(null)).thenCompose(this::queues).thenApply(ApiResponse::ok));
    routes.add("GET", "/v1/queues/{id}/waiting", this::waiting);
    routes.add("GET", "/v1/wall", request -> auth.staff(request.bearer()).thenCompose(staff -> {
      AccessPolicy.requireRole(staff, Action.WATCH_QUEUES);
      WallSelection.Filter filter = WallSelection.Filter.of(request);
      return snapshot(staff).thenCompose(snapshot -> agents(snapshot).thenCombine(
          queues(snapshot), (agents, queues) ->
              WallSelection.select(filter, snapshot.teams(), queues, agents)));
    }).thenCombine(nodes(), (wall, nodeList) -> {
          wall.put("nodes", nodeList);
          wall.put("at", clock.instant().toString());
          return ApiResponse.ok(wall);
        }));
  }

  /**
   * The live nodes, each with its address, the age of its last beat and its connection counts
   * where it published them; null (and the rest of the wall still shown) when Redis fails.
   */
  private CompletableFuture<List<Map<String, Object>>> nodes() {
    return nodes.liveNodes().toCompletableFuture().thenApply(cards -> {
      Instant now = clock.instant();
      List<Map<String, Object>> list = new ArrayList<>();
      for (NodeCard card : cards) {
        list.add(ApiJson.object("id", card.nodeId(), "address", card.address(),
            "lastBeatAt", card.beatAt() == null ? null : card.beatAt().toString(),
            "heartbeatAgeMillis", card.beatAt() == null ? null
                : Math.max(0, Duration.between(card.beatAt(), now).toMillis()),
            "sessions", card.sessions(), "staff", card.staff()));
      }
      return list;
    }).exceptionally(error -> null);
  }

  /**
   * Everything the wall shows; for a {@code viewer} who oversees some teams only, their teams'
   * queues and members (null: everything, for the transfer lists).
   */
  private CompletableFuture<Snapshot> snapshot(Principal viewer) {
    return store.call(() -> {
      List<User> staff = users.active();
      List<QueueInfo> queueList = queues.all();
      if (viewer != null && !AccessPolicy.permits(viewer, Action.WATCH_QUEUES, Relation.NONE)) {
        Set<UUID> teammates = teams.teammatesOf(UUID.fromString(viewer.id()));
        staff = staff.stream().filter(user -> teammates.contains(user.id())).toList();
        queueList = queueList.stream().filter(queue ->
            AccessPolicy.permitsQueue(viewer, Action.WATCH_QUEUES, queue.id())).toList();
      }
      return new Snapshot(staff, users.memberships(), conversations.assignedCounts(), queueList,
          conversations.queueLoads(), rules.allAgentSkills(), rules.allQueueRules(),
          viewer == null ? List.of() : teams.all());
    });
  }

  private CompletableFuture<Map<UUID, String>> statuses(List<User> staff) {
    Map<UUID, CompletableFuture<String>> pending = new LinkedHashMap<>();
    staff.forEach(user -> pending.put(user.id(), StaffApi.statusOf(presence, user.id())));
    return CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new))
        .thenApply(ignored -> {
          Map<UUID, String> result = new LinkedHashMap<>();
          pending.forEach((id, status) -> result.put(id, status.join()));
          return result;
        });
  }

  private CompletableFuture<List<Map<String, Object>>> agents(Snapshot snapshot) {
    return statuses(snapshot.users()).thenApply(status -> {
      List<Map<String, Object>> list = new ArrayList<>();
      for (User user : snapshot.users()) {
        list.add(ApiJson.object("id", user.id().toString(), "name", user.displayName(),
            "role", user.role().wire(), "status", status.get(user.id()),
            "load", snapshot.loads().getOrDefault(user.id(), 0), "capacity", user.capacity(),
            "queues", snapshot.memberships().getOrDefault(user.id(), List.of()),
            "skills", snapshot.agentSkills().getOrDefault(user.id(), SkillProfile.NONE).skills(),
            "languages",
            snapshot.agentSkills().getOrDefault(user.id(), SkillProfile.NONE).languages()));
      }
      return list;
    });
  }

  private CompletableFuture<List<Map<String, Object>>> queues(Snapshot snapshot) {
    return statuses(snapshot.users()).thenApply(status -> {
      Instant now = clock.instant();
      List<Map<String, Object>> list = new ArrayList<>();
      for (QueueInfo queue : snapshot.queues()) {
        var load = snapshot.waiting().get(queue.id());
        int online = 0;
        int away = 0;
        for (User user : snapshot.users()) {
          if (snapshot.memberships().getOrDefault(user.id(), List.of()).contains(queue.id())) {
            online += "online".equals(status.get(user.id())) ? 1 : 0;
            away += "away".equals(status.get(user.id())) ? 1 : 0;
          }
        }
        list.add(ApiJson.object("id", queue.id(), "name", queue.name(), "siteId", queue.siteId(),
            "waiting", load == null ? 0 : load.waiting(),
            "longestWaitSeconds", load == null ? 0
                : Math.max(0, Duration.between(load.oldestEnqueuedAt(), now).toSeconds()),
            "agentsOnline", online, "agentsAway", away,
            "skills", snapshot.queueRules().getOrDefault(queue.id(), SkillProfile.NONE).skills(),
            "languages",
            snapshot.queueRules().getOrDefault(queue.id(), SkillProfile.NONE).languages()));
      }
      return list;
    });
  }

  private CompletableFuture<ApiResponse> waiting(ApiRequest request) {
    String queueId = request.param(0);
    return auth.staff(request.bearer()).thenCompose(staff -> store.call(() -> {
      AccessPolicy.requireQueue(staff, Action.WATCH_QUEUES, queueId);
      Instant now = clock.instant();
      List<Map<String, Object>> list = new ArrayList<>();
      int position = 0;
      for (Conversation conversation : conversations.queued()) {
        if (!conversation.queueId().equals(queueId)) {
          continue;
        }
        position++;
        String name = contacts.find(conversation.contactId()).map(Contact::name).orElse(null);
        list.add(ApiJson.object("conversationId", conversation.id().toString(),
            "contactName", name, "position", position, "language", conversation.language(),
            "waitingSeconds", Duration.between(conversation.enqueuedAt(), now).toSeconds()));
      }
      return ApiResponse.ok(list);
    }));
  }
}
