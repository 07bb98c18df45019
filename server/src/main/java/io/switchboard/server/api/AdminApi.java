package io.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.PresenceStore;
import io.switchboard.server.routing.RoutingService;
import io.switchboard.server.routing.RoutingStore;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.queue.QueueInfo;
import io.switchboard.server.store.queue.QueueSchedule;
import io.switchboard.server.store.rules.AgentRouting;
import io.switchboard.server.store.rules.SkillProfile;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Queue operations and administration: supervisors pause and resume queues; admins create queues,
 * set business hours, holidays and the skills and languages a queue routes by, and set agents'
 * capacity, queue memberships, skills and languages. A change to an
 * online agent takes effect in routing at once.
 *
 * <p>Thread-safe.
 */
public final class AdminApi {
  /** The stores and services administration touches. */
  public record Parts(Stores stores, RoutingStore routing, RoutingService routingService,
      PresenceStore presence, AuthService auth, BlockingExecutor store, String nodeId) {}

  private final Parts p;


  public AdminApi(Parts parts) {
    this.p = parts;
  }

  public void register(ApiRoutes routes) {
    routes.add("POST", "/v1/queues/{id}/pause", request -> pause(request, true));
    routes.add("POST", "/v1/queues/{id}/resume", request -> pause(request, false));
    routes.add("POST", "/v1/admin/queues", this::createQueue);
    routes.add("PUT", "/v1/admin/queues/{id}/hours", this::setHours);
    routes.add("PUT", "/v1/admin/queues/{id}/strategy", this::setStrategy);
    routes.add("PUT", "/v1/admin/queues/{id}/skills", this::setQueueSkills);
    routes.add("POST", "/v1/admin/queues/{id}/holidays", this::addHoliday);
    routes.add("PUT", "/v1/admin/agents/{id}", this::updateAgent);
  }

  private CompletableFuture<ApiResponse> pause(ApiRequest request, boolean paused) {
    String queueId = request.param(0);
    return p.auth().staff(request.bearer()).thenCompose(staff -> {
      AccessPolicy.requireQueue(staff, Action.PAUSE_QUEUE, queueId);
      return p.store().call(() -> {
        if (!p.stores().schedules().setPaused(queueId, paused)) {
          throw new SwitchboardException(ErrorCode.NOT_FOUND, "unknown queue " + queueId);
        }
        return null;
      });
    }).thenCompose(ignored -> p.routing().setPaused(queueId, paused).toCompletableFuture())
        .thenApply(ignored -> {
          if (!paused) {
            p.routingService().assignLater(queueId);
          }
          return ApiResponse.ok(ApiJson.object("queue", queueId, "paused", paused));
        });
  }

  private CompletableFuture<ApiResponse> createQueue(ApiRequest request) {
    String id = request.requiredText("id", 64);
    String siteId = request.requiredText("siteId", 64);
    String name = request.requiredText("name", 100);
    if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "id: letters, digits, '-' and '_' only");
    }
    int priority = request.optionalInt("priority", 0, 100, 0);
    String teamId = request.text("teamId");
    SkillProfile rules = new SkillProfile(SkillFields.skills(request.body()),
        SkillFields.languages(request.body()));
    return admin(request).thenCompose(admin -> p.store().call(() -> {
      p.stores().sites().find(siteId).orElseThrow(() ->
          new SwitchboardException(ErrorCode.NOT_FOUND, "unknown site " + siteId));
      if (teamId != null && p.stores().teams().find(teamId).isEmpty()) {
        throw new SwitchboardException(ErrorCode.NOT_FOUND, "unknown team " + teamId);
      }
      p.stores().queues().create(new QueueInfo(id, siteId, name, priority));
      if (teamId != null) {
        p.stores().teams().assignQueue(id, teamId);
      }
      p.stores().rules().setQueueRules(id, rules);
      return null;
    })).thenCompose(ignored -> p.routing().setRules(id, rules, true).toCompletableFuture())
        .thenApply(ignored -> ApiResponse.created(ApiJson.object("id", id, "siteId", siteId,
            "name", name, "priority", priority, "teamId", teamId, "skills", rules.skills(),
            "languages", rules.languages())));
  }

  /**
   * The skills a queue requires and the languages it routes by; a field left out stays as it is.
   * Written to PostgreSQL, then to Redis, so the next assignment applies them.
   */
  private CompletableFuture<ApiResponse> setQueueSkills(ApiRequest request) {
    String queueId = request.param(0);
    List<String> skills = SkillFields.skills(request.body());
    List<String> languages = SkillFields.languages(request.body());
    if (skills == null && languages == null) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "skills, languages: give at least one");
    }
    return admin(request).thenCompose(admin -> p.store().call(() -> {
      SkillProfile current = p.stores().rules().queueRules(queueId).orElseThrow(() ->
          new SwitchboardException(ErrorCode.NOT_FOUND, "unknown queue " + queueId));
      SkillProfile updated = new SkillProfile(skills != null ? skills : current.skills(),
          languages != null ? languages : current.languages());
      p.stores().rules().setQueueRules(queueId, updated);
      return updated;
    })).thenCompose(updated -> p.routing().setRules(queueId, updated, true).toCompletableFuture()
        .thenApply(ignored -> {
          p.routingService().assignLater(queueId);
          return ApiResponse.ok(ApiJson.object("queue", queueId, "skills", updated.skills(),
              "languages", updated.languages()));
        }));
  }

  private CompletableFuture<ApiResponse> setHours(ApiRequest request) {
    String queueId = request.param(0);
    ZoneId zone;
    List<QueueSchedule.Slot> slots = new ArrayList<>();
    try {
      zone = ZoneId.of(request.requiredText("timeZone", 64));
      JsonNode hours = request.body().path("hours");
      if (!hours.isMissingNode() && !hours.isNull() && !hours.isArray()) {
        throw new SwitchboardException(ErrorCode.INVALID_FIELD, "hours: must be an array");
      }
      for (JsonNode slot : hours) {
        if (!slot.isObject() || !slot.path("opens").isTextual() || !slot.path("closes").isTextual()
            || !slot.path("weekday").isInt()) {
          throw new SwitchboardException(ErrorCode.INVALID_FIELD,
              "hours: each slot is {weekday: 1-7, opens: \"09:00\", closes: \"17:00\"}");
        }
        LocalTime opens = LocalTime.parse(slot.path("opens").asText());
        LocalTime closes = LocalTime.parse(slot.path("closes").asText());
        if (!closes.isAfter(opens)) {
          throw new SwitchboardException(ErrorCode.INVALID_FIELD, "hours: closes must be after opens");
        }
        slots.add(new QueueSchedule.Slot(DayOfWeek.of(slot.path("weekday").asInt()), opens, closes));
      }
    } catch (DateTimeException e) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "timeZone or hours: " + e.getMessage() + " (weekday 1-7, times like 09:00)");
    }
    int maxWait = request.optionalInt("maxWaitSeconds", 0, 86_400, 0);
    Integer maxWaitSeconds = maxWait > 0 ? maxWait : null;
    return admin(request).thenCompose(admin -> p.store().call(() -> {
      requireQueue(queueId);
      p.stores().schedules().setHours(queueId, zone, slots, maxWaitSeconds);
      return ApiResponse.ok(ApiJson.object("queue", queueId, "timeZone", zone.getId(),
          "hours", slots.size(), "maxWaitSeconds", maxWaitSeconds));
    }));
  }

  private CompletableFuture<ApiResponse> setStrategy(ApiRequest request) {
    String queueId = request.param(0);
    String strategy = request.requiredText("strategy", 32);
    if (!strategy.equals("least_loaded") && !strategy.equals("round_robin")) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "strategy: least_loaded or round_robin, not \"" + strategy + "\"");
    }
    return admin(request).thenCompose(admin -> p.store().call(() -> {
      requireQueue(queueId);
      p.stores().schedules().setStrategy(queueId, strategy);
      return null;
    })).thenCompose(ignored -> p.routing().setRoundRobin(queueId, strategy.equals("round_robin"))
        .toCompletableFuture())
        .thenApply(ignored -> ApiResponse.ok(ApiJson.object("queue", queueId, "strategy", strategy)));
  }

  private CompletableFuture<ApiResponse> addHoliday(ApiRequest request) {
    String queueId = request.param(0);
    LocalDate day;
    try {
      day = LocalDate.parse(request.requiredText("day", 10));
    } catch (DateTimeException e) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "day: a date like 2026-12-25");
    }
    String name = request.text("name");
    return admin(request).thenCompose(admin -> p.store().call(() -> {
      requireQueue(queueId);
      p.stores().schedules().addHoliday(queueId, day, name);
      return ApiResponse.created(ApiJson.object("queue", queueId, "day", day.toString(), "name", name));
    }));
  }

  private CompletableFuture<ApiResponse> updateAgent(ApiRequest request) {
    UUID agentId = StaffApi.uuid(request.param(0), "agent");
    JsonNode capacityNode = request.body() == null ? null : request.body().get("capacity");
    Integer capacity = null;
    if (capacityNode != null) {
      if (!capacityNode.isInt() || capacityNode.asInt() < 1 || capacityNode.asInt() > 100) {
        throw new SwitchboardException(ErrorCode.INVALID_FIELD, "capacity: a whole number from 1 to 100");
      }
      capacity = capacityNode.asInt();
    }
    List<String> queues = null;
    if (request.body() != null && request.body().has("queues")) {
      JsonNode list = request.body().get("queues");
      if (!list.isArray()) {
        throw new SwitchboardException(ErrorCode.INVALID_FIELD, "queues: must be an array of queue ids");
      }
      queues = new ArrayList<>();
      for (JsonNode queue : list) {
        if (!queue.isTextual()) {
          throw new SwitchboardException(ErrorCode.INVALID_FIELD, "queues: must be an array of queue ids");
        }
        queues.add(queue.asText());
      }
    }
    Integer newCapacity = capacity;
    List<String> newQueues = queues;
    List<String> skills = SkillFields.skills(request.body());
    List<String> languages = SkillFields.languages(request.body());
    return admin(request).thenCompose(admin -> p.store().call(() -> {
      AgentRouting current = p.stores().rules().agentRouting(agentId).orElseThrow(() ->
          new SwitchboardException(ErrorCode.NOT_FOUND, "unknown agent"));
      if (newCapacity != null) {
        p.stores().users().setCapacity(agentId, newCapacity);
      }
      if (newQueues != null) {
        newQueues.forEach(this::requireQueue);
        p.stores().users().setQueues(agentId, newQueues);
      }
      if (skills != null || languages != null) {
        p.stores().rules().setAgentSkills(agentId, new SkillProfile(
            skills != null ? skills : current.skills().skills(),
            languages != null ? languages : current.skills().languages()));
      }
      return p.stores().rules().agentRouting(agentId).orElseThrow();
    })).thenCompose(updated -> {
      // An agent who is online or away gets the new settings in routing right away.
      return p.presence().status(agentId).toCompletableFuture().thenCompose(status ->
          status == AgentStatus.OFFLINE ? CompletableFuture.completedFuture(null)
              : p.presence().setStatus(agentId, status, updated, p.nodeId()).toCompletableFuture()
                  .thenRun(() -> updated.queues().forEach(p.routingService()::assignLater)))
          .thenApply(ignored -> ApiResponse.ok(ApiJson.object("id", agentId.toString(),
              "capacity", updated.capacity(), "queues", updated.queues(),
              "skills", updated.skills().skills(), "languages", updated.skills().languages())));
    });
  }

  private void requireQueue(String queueId) {
    p.stores().queues().find(queueId).orElseThrow(() ->
        new SwitchboardException(ErrorCode.NOT_FOUND, "unknown queue " + queueId));
  }

  private CompletableFuture<Principal> admin(ApiRequest request) {
    return p.auth().staff(request.bearer()).thenApply(staff -> {
      AccessPolicy.requireRole(staff, Action.MANAGE_ROUTING);
      return staff;
    });
  }
}
