package io.switchboard.server.api;

import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.campaign.CampaignService;
import io.switchboard.server.campaign.LiveVisitor;
import io.switchboard.server.campaign.RedisLiveVisitorStore;
import io.switchboard.server.campaign.StaffSites;
import io.switchboard.server.store.cache.CachedLookups;
import io.switchboard.server.store.contact.ContactDao;
import io.switchboard.server.store.site.SiteDao;
import io.switchboard.server.util.BlockingExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The visitors on the site now, for staff: {@code GET /v1/visitors/live?site=} (visitors of the
 * sites the caller may see, most recently active first) and
 * {@code POST /v1/visitors/{contactId}/invite} (an invitation from the caller, pushed to the
 * visitor's open widget).
 *
 * <p>Thread-safe.
 */
public final class LiveVisitorApi {
  private final CampaignService campaigns;
  private final RedisLiveVisitorStore live;
  private final SiteDao sites;
  private final ContactDao contacts;
  private final CachedLookups lookups;
  private final AuthService auth;
  private final BlockingExecutor store;
  private final Clock clock;

  /** What the endpoints work with. */
  public record Parts(CampaignService campaigns, RedisLiveVisitorStore live, SiteDao sites,
      ContactDao contacts, CachedLookups lookups, AuthService auth, BlockingExecutor store,
      Clock clock) {}

  public LiveVisitorApi(Parts parts) {
    this.campaigns = parts.campaigns();
    this.live = parts.live();
    this.sites = parts.sites();
    this.contacts = parts.contacts();
    this.lookups = parts.lookups();
    this.auth = parts.auth();
    this.store = parts.store();
    this.clock = parts.clock();
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/visitors/live", request -> staff(request).thenCompose(me ->
        store.call(() -> {
          List<String> all = sites.allSettings().stream().map(s -> s.id()).toList();
          String site = request.query("site");
          return StaffSites.of(me, lookups).within(site == null ? all
              : all.stream().filter(site::equals).toList());
        })).thenCompose(this::visitors).thenCompose(found -> store.call(() -> {
          List<Map<String, Object>> out = new ArrayList<>();
          for (LiveVisitor visitor : found) {
            out.add(json(visitor, contacts.find(UUID.fromString(visitor.contactId()))
                .map(contact -> contact.name()).orElse(null)));
          }
          return ApiResponse.ok(Map.of("visitors", out));
        })));
    routes.add("POST", "/v1/visitors/{contactId}/invite", request -> {
      UUID contactId = CampaignForm.uuid("contactId", request.param(0));
      String text = request.requiredText("text", 1000).strip();
      return staff(request).thenCompose(me -> campaigns.invite(me, contactId, text))
          .thenApply(invitation -> ApiResponse.created(WidgetCampaignApi.json(invitation)));
    });
  }

  private CompletableFuture<List<LiveVisitor>> visitors(List<String> siteIds) {
    List<CompletableFuture<List<LiveVisitor>>> reads = siteIds.stream().map(live::list).toList();
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenApply(done -> reads.stream().flatMap(read -> read.join().stream())
            .sorted(Comparator.comparing(LiveVisitor::lastSeen).reversed())
            .limit(RedisLiveVisitorStore.MAX_PER_SITE).toList());
  }

  private Map<String, Object> json(LiveVisitor visitor, String name) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("contactId", visitor.contactId());
    out.put("siteId", visitor.siteId());
    out.put("name", name);
    out.put("url", visitor.url());
    out.put("title", visitor.title());
    out.put("language", visitor.language());
    out.put("visits", visitor.visits());
    out.put("returning", visitor.returning());
    out.put("since", visitor.since().toString());
    out.put("secondsOnSite", Math.max(0,
        Duration.between(visitor.since(), clock.instant()).toSeconds()));
    return out;
  }

  private CompletableFuture<Principal> staff(ApiRequest request) {
    return auth.staff(request.bearer()).thenApply(staff -> {
      AccessPolicy.requireRole(staff, Action.USE_CONSOLE);
      return staff;
    });
  }
}
