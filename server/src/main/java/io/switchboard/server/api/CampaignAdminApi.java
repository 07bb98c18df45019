package io.switchboard.server.api;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.store.cache.CachedLookups;
import io.switchboard.server.store.campaign.Campaign;
import io.switchboard.server.store.campaign.CampaignDao;
import io.switchboard.server.store.campaign.CampaignStats;
import io.switchboard.server.store.campaign.InvitationDao;
import io.switchboard.server.store.user.UserDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Campaigns for admins: {@code GET /v1/admin/campaigns?site=} (the list),
 * {@code POST /v1/admin/campaigns} (a new one), {@code PUT /v1/admin/campaigns/{id}} (the whole
 * campaign again; enable and disable are the {@code enabled} field) and
 * {@code GET /v1/admin/campaigns/{id}/stats?from=&to=} (shown, opened, chats and leads between
 * two UTC dates, both included; the last 30 days by default).
 *
 * <p>Thread-safe.
 */
public final class CampaignAdminApi {
  private static final int DEFAULT_DAYS = 30;

  private final CampaignDao campaigns;
  private final InvitationDao invitations;
  private final CachedLookups lookups;
  private final UserDao users;
  private final AuthService auth;
  private final BlockingExecutor store;
  private final Clock clock;

  /** What the endpoints work with. */
  public record Parts(CampaignDao campaigns, InvitationDao invitations, CachedLookups lookups,
      UserDao users, AuthService auth, BlockingExecutor store, Clock clock) {}

  public CampaignAdminApi(Parts parts) {
    this.campaigns = parts.campaigns();
    this.invitations = parts.invitations();
    this.lookups = parts.lookups();
    this.users = parts.users();
    this.auth = parts.auth();
    this.store = parts.store();
    this.clock = parts.clock();
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/admin/campaigns", request -> admin(request).thenCompose(me ->
        store.call(() -> ApiResponse.ok(campaigns.list(request.query("site")).stream()
            .map(CampaignForm::json).toList()))));
    routes.add("POST", "/v1/admin/campaigns", this::create);
    routes.add("PUT", "/v1/admin/campaigns/{id}", this::update);
    routes.add("GET", "/v1/admin/campaigns/{id}/stats", this::stats);
  }

  private CompletableFuture<ApiResponse> create(ApiRequest request) {
    String siteId = request.requiredText("siteId", 40).strip();
    Campaign campaign = CampaignForm.read(request, UUID.randomUUID(), siteId);
    return admin(request).thenCompose(me -> store.call(() -> {
      if (lookups.site(siteId).isEmpty()) {
        throw CampaignForm.invalid("siteId", "no such site");
      }
      check(campaign);
      campaigns.create(campaign);
      return ApiResponse.created(CampaignForm.json(find(campaign.id())));
    }));
  }

  private CompletableFuture<ApiResponse> update(ApiRequest request) {
    UUID id = CampaignForm.uuid("id", request.param(0));
    return admin(request).thenCompose(me -> store.call(() -> {
      Campaign current = find(id);
      Campaign campaign = CampaignForm.read(request, id, current.siteId());
      check(campaign);
      campaigns.update(campaign);
      return ApiResponse.ok(CampaignForm.json(find(id))).withBefore(CampaignForm.json(current));
    }));
  }

  private CompletableFuture<ApiResponse> stats(ApiRequest request) {
    UUID id = CampaignForm.uuid("id", request.param(0));
    LocalDate to = date(request, "to", LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    LocalDate from = date(request, "from", to.minusDays(DEFAULT_DAYS - 1));
    if (from.isAfter(to)) {
      throw CampaignForm.invalid("from", "must not be after to");
    }
    Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    return admin(request).thenCompose(me -> store.call(() -> {
      find(id);
      CampaignStats stats = invitations.stats(id, start, end);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("campaignId", id.toString());
      out.put("from", from.toString());
      out.put("to", to.toString());
      out.put("shown", stats.shown());
      out.put("opened", stats.opened());
      out.put("chats", stats.chats());
      out.put("leads", stats.leads());
      return ApiResponse.ok(out);
    }));
  }

  private void check(Campaign campaign) {
    if (lookups.queue(campaign.queueId()).filter(q -> q.siteId().equals(campaign.siteId()))
        .isEmpty()) {
      throw CampaignForm.invalid("queueId", "no such queue on this site");
    }
    if (campaign.senderId() != null && users.find(campaign.senderId())
        .filter(user -> !user.disabled()).isEmpty()) {
      throw CampaignForm.invalid("senderId", "no such active user");
    }
  }

  private Campaign find(UUID id) {
    return campaigns.find(id).orElseThrow(() ->
        new SwitchboardException(ErrorCode.NOT_FOUND, "unknown campaign " + id));
  }

  private static LocalDate date(ApiRequest request, String name, LocalDate fallback) {
    String value = request.query(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw CampaignForm.invalid(name, "a date such as 2026-12-05");
    }
  }

  private CompletableFuture<Principal> admin(ApiRequest request) {
    return auth.staff(request.bearer()).thenApply(staff -> {
      AccessPolicy.requireRole(staff, Action.MANAGE_SITES);
      return staff;
    });
  }
}
