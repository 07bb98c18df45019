package io.switchboard.server.api;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.PresenceStore;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.queue.QueueDao;
import io.switchboard.server.store.queue.QueueInfo;
import io.switchboard.server.store.queue.QueueSchedule;
import io.switchboard.server.store.queue.QueueScheduleDao;
import io.switchboard.server.store.site.Site;
import io.switchboard.server.store.site.SiteDao;
import io.switchboard.server.store.site.SiteSettings;
import io.switchboard.server.store.user.UserDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * REST endpoints the widget uses: its configuration (look, pre-chat form, queues and whether
 * anyone is online in them) and the offline message form, which becomes a ticket.
 *
 * <p>Thread-safe.
 */
public final class VisitorApi {
  private final SiteDao sites;
  private final QueueDao queues;
  private final UserDao users;
  private final PresenceStore presence;
  private final AuthService auth;
  private final BlockingExecutor store;
  private final QueueScheduleDao schedules;
  private final java.time.Clock businessClock;

  public VisitorApi(Stores stores, PresenceStore presence, AuthService auth,
      BlockingExecutor store, java.time.Clock businessClock) {
    this.schedules = stores.schedules();
    this.businessClock = businessClock;
    this.sites = stores.sites();
    this.queues = stores.queues();
    this.users = stores.users();
    this.presence = presence;
    this.auth = auth;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/widget/config", this::config);
  }

  private CompletableFuture<ApiResponse> config(ApiRequest request) {
    String siteKey = request.query("siteKey");
    if (siteKey == null || siteKey.isBlank()) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "siteKey: required query parameter");
    }
    record Loaded(Site site, SiteSettings settings, List<QueueInfo> queues,
        Map<String, List<UUID>> members, Map<String, QueueSchedule> schedules) {}
    return store.call(() -> {
      Site site = sites.findBySiteKey(siteKey).orElseThrow(() ->
          new SwitchboardException(ErrorCode.NOT_FOUND, "unknown site key"));
      SiteSettings settings = sites.settings(site.id()).orElseThrow();
      List<QueueInfo> queues = this.queues.forSite(site.id());
      Map<String, List<UUID>> members = new LinkedHashMap<>();
      Map<String, QueueSchedule> schedules = new LinkedHashMap<>();
      queues.forEach(queue -> {
        members.put(queue.id(), users.membersOf(queue.id()));
        schedules.put(queue.id(), this.schedules.find(queue.id()).orElse(QueueSchedule.alwaysOpen()));
      });
      return new Loaded(site, settings, queues, members, schedules);
    }).thenCompose(loaded -> onlineCounts(loaded.members()).thenApply(online -> {
      List<Map<String, Object>> queueList = new ArrayList<>();
      for (QueueInfo queue : loaded.queues()) {
        QueueSchedule schedule = loaded.schedules().get(queue.id());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", queue.id());
        entry.put("name", queue.name());
        entry.put("agentsOnline", online.getOrDefault(queue.id(), 0));
        entry.put("open", schedule.isOpen(businessClock.instant()));
        if (schedule.maxWaitSeconds() != null) {
          entry.put("maxWaitSeconds", schedule.maxWaitSeconds());
        }
        queueList.add(entry);
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("siteId", loaded.site().id());
      body.put("siteName", loaded.site().name());
      body.put("brandColor", loaded.settings().brandColor());
      body.put("greeting", Map.of("en", loaded.settings().greetingEn(),
          "zh-CN", loaded.settings().greetingZh()));
      body.put("language", loaded.settings().language());
      body.put("fields", loaded.settings().prechatFields());
      body.put("labels", labels(loaded.settings()));
      body.put("offlineText", texts(loaded.settings().offlineTextEn(),
          loaded.settings().offlineTextZh()));
      body.put("defaultQueue", loaded.site().defaultQueueId());
      body.put("queues", queueList);
      return ApiResponse.ok(body);
    }));
  }

  /** The labels a site sets on its pre-chat fields: {@code {"name": {"en": "Full name"}}}. */
  private static Map<String, Map<String, String>> labels(SiteSettings settings) {
    Map<String, Map<String, String>> labels = new LinkedHashMap<>();
    for (String field : SiteSettings.FIELDS) {
      Map<String, String> texts = texts(settings.labels().get(field + ".en"),
          settings.labels().get(field + ".zh-CN"));
      if (!texts.isEmpty()) {
        labels.put(field, texts);
      }
    }
    return labels;
  }

  /** {@code {"en": ..., "zh-CN": ...}} without the languages that have no text. */
  private static Map<String, String> texts(String en, String zh) {
    Map<String, String> texts = new LinkedHashMap<>();
    if (en != null) {
      texts.put("en", en);
    }
    if (zh != null) {
      texts.put("zh-CN", zh);
    }
    return texts;
  }

  /** Online agents per queue, from their presence in Redis. */
  private CompletableFuture<Map<String, Integer>> onlineCounts(Map<String, List<UUID>> members) {
    Map<UUID, CompletableFuture<AgentStatus>> statuses = new LinkedHashMap<>();
    members.values().forEach(ids -> ids.forEach(id ->
        statuses.computeIfAbsent(id, agent -> presence.status(agent).toCompletableFuture())));
    return CompletableFuture.allOf(statuses.values().toArray(CompletableFuture[]::new))
        .thenApply(ignored -> {
          Map<String, Integer> counts = new LinkedHashMap<>();
          members.forEach((queue, ids) -> counts.put(queue, (int) ids.stream()
              .filter(id -> statuses.get(id).join() == AgentStatus.ONLINE).count()));
          return counts;
        });
  }

}
