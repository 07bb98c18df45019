package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Relation;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.store.team.Team;
import io.switchboard.server.store.team.TeamDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Teams over REST: {@code GET /v1/teams} (admins see every team, other staff their own), and for
 * admins {@code POST /v1/admin/teams}, {@code PUT /v1/admin/teams/{id}} (name, members, queues)
 * and {@code DELETE /v1/admin/teams/{id}}. A change of members or queues applies to every REST
 * call at once and to a console's live connection when it reconnects.
 *
 * <p>Thread-safe.
 */
public final class TeamAdminApi {
  private static final int MAX_ITEMS = 500;

  private final TeamDao teams;
  private final AuthService auth;
  private final BlockingExecutor store;

  public TeamAdminApi(TeamDao teams, AuthService auth, BlockingExecutor store) {
    this.teams = teams;
    this.auth = auth;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/teams", this::list);
    routes.add("POST", "/v1/admin/teams", this::create);
    routes.add("PUT", "/v1/admin/teams/{id}", this::update);
    routes.add("DELETE", "/v1/admin/teams/{id}", this::delete);
  }

  private CompletableFuture<ApiResponse> list(ApiRequest request) {
    return auth.staff(request.bearer()).thenCompose(staff -> store.call(() -> {
      AccessPolicy.requireRole(staff, Action.USE_CONSOLE);
      boolean all = AccessPolicy.permits(staff, Action.MANAGE_TEAMS, Relation.NONE);
      UUID me = UUID.fromString(staff.id());
      return ApiResponse.ok(teams.all().stream()
          .filter(team -> all || team.memberIds().contains(me))
          .map(TeamAdminApi::json).toList());
    }));
  }

  private CompletableFuture<ApiResponse> create(ApiRequest request) {
    return admin(request).thenCompose(staff -> {
      String id = request.requiredText("id", 64);
      if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
        throw new SwitchboardException(ErrorCode.INVALID_FIELD,
            "id: letters, digits, - and _ only");
      }
      String name = request.requiredText("name", 120).strip();
      Set<UUID> members = members(request.body());
      Set<String> queues = queues(request.body());
      return store.call(() -> {
        teams.create(id, name, members == null ? Set.of() : members,
            queues == null ? Set.of() : queues);
        return ApiResponse.created(json(found(id)));
      });
    });
  }

  private CompletableFuture<ApiResponse> update(ApiRequest request) {
    String id = request.param(0);
    return admin(request).thenCompose(staff -> {
      String name = request.text("name");
      if (name != null) {
        name = request.requiredText("name", 120).strip();
      }
      Set<UUID> members = members(request.body());
      Set<String> queues = queues(request.body());
      String newName = name;
      int slot = request.optionalInt("ticketsPerChatSlot", 0, 1000, -1);
      return store.call(() -> {
        Team current = found(id);
        Map<String, Object> before = json(current);
        if (newName != null) {
          teams.rename(id, newName);
        }
        if (slot >= 0) {
          teams.setTicketsPerChatSlot(id, slot);
        }
        if (members != null || queues != null) {
          teams.setMembersAndQueues(id,
              members != null ? members : new LinkedHashSet<>(current.memberIds()),
              queues != null ? queues : new LinkedHashSet<>(current.queueIds()));
        }
        return ApiResponse.ok(json(found(id))).withBefore(before);
      });
    });
  }

  private CompletableFuture<ApiResponse> delete(ApiRequest request) {
    String id = request.param(0);
    return admin(request).thenCompose(staff -> store.call(() -> {
      Map<String, Object> before = teams.find(id).map(TeamAdminApi::json).orElse(null);
      teams.delete(id);
      return ApiResponse.noContent().withBefore(before);
    }));
  }

  private Team found(String id) {
    return teams.find(id).orElseThrow(() ->
        new SwitchboardException(ErrorCode.NOT_FOUND, "no such team: " + id));
  }

  private CompletableFuture<Principal> admin(ApiRequest request) {
    return auth.staff(request.bearer()).thenApply(staff -> {
      AccessPolicy.requireRole(staff, Action.MANAGE_TEAMS);
      return staff;
    });
  }

  /** The {@code members} array of user ids, or null when absent. */
  private static Set<UUID> members(JsonNode body) {
    List<String> ids = strings(body, "members");
    if (ids == null) {
      return null;
    }
    Set<UUID> members = new LinkedHashSet<>();
    for (String id : ids) {
      try {
        members.add(UUID.fromString(id));
      } catch (IllegalArgumentException e) {
        throw new SwitchboardException(ErrorCode.INVALID_FIELD, "members: not a user id: " + id);
      }
    }
    return members;
  }

  /** The {@code queues} array of queue ids, or null when absent. */
  private static Set<String> queues(JsonNode body) {
    List<String> ids = strings(body, "queues");
    return ids == null ? null : new LinkedHashSet<>(ids);
  }

  private static List<String> strings(JsonNode body, String field) {
    JsonNode node = body == null ? null : body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray() || node.size() > MAX_ITEMS) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          field + ": must be an array of at most " + MAX_ITEMS + " strings");
    }
    List<String> values = new java.util.ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual() || item.asText().isBlank() || item.asText().length() > 64) {
        throw new SwitchboardException(ErrorCode.INVALID_FIELD, field + ": must be ids (strings)");
      }
      values.add(item.asText());
    }
    return values;
  }

  private static Map<String, Object> json(Team team) {
    return ApiJson.object("id", team.id(), "name", team.name(), "queues", team.queueIds(),
        "members", team.memberIds().stream().map(UUID::toString).toList(),
        "ticketsPerChatSlot", team.ticketsPerChatSlot());
  }
}
