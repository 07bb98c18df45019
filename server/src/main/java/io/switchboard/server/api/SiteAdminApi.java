package io.switchboard.server.api;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.store.queue.QueueDao;
import io.switchboard.server.store.site.SiteDao;
import io.switchboard.server.store.site.SiteSettings;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Sites for admins: {@code GET /v1/admin/sites} (every site's settings), {@code GET} and
 * {@code PUT /v1/admin/sites/{id}} (one site; a PUT changes the keys it sends), and
 * {@code POST /v1/admin/sites} (a new site with a generated site key). The settings are
 * everything the widget reads: look, greetings, language, allowed origins, pre-chat fields and
 * their labels, the offline form's text and the default queue (see {@link SiteSettingsForm}).
 * The widget sees a change within the lookup cache's second.
 *
 * <p>Thread-safe.
 */
public final class SiteAdminApi {
  private static final Pattern SITE_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,39}$");
  private static final String KEY_ALPHABET =
      "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new site's settings before the admin's: the widget's defaults. */
  private static final SiteSettings DEFAULTS = new SiteSettings(null, null, "-", "#2563eb",
      "auto", "Hi! How can we help you today?", "您好！请问有什么可以帮您？", null, null,
      List.of(), null, Map.of("name", "required", "email", "required", "phone", "optional"),
      Map.of());

  private final SiteDao sites;
  private final QueueDao queues;
  private final AuthService auth;
  private final BlockingExecutor store;

  public SiteAdminApi(SiteDao sites, QueueDao queues, AuthService auth, BlockingExecutor store) {
    this.sites = sites;
    this.queues = queues;
    this.auth = auth;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/admin/sites", request -> admin(request).thenCompose(me ->
        store.call(() -> ApiResponse.ok(sites.allSettings().stream()
            .map(SiteSettingsForm::json).toList()))));
    routes.add("GET", "/v1/admin/sites/{id}", request -> admin(request).thenCompose(me ->
        store.call(() -> ApiResponse.ok(SiteSettingsForm.json(find(request.param(0)))))));
    routes.add("POST", "/v1/admin/sites", this::create);
    routes.add("PUT", "/v1/admin/sites/{id}", this::update);
  }

  private CompletableFuture<ApiResponse> create(ApiRequest request) {
    String id = request.requiredText("id", 40).strip();
    if (!SITE_ID.matcher(id).matches()) {
      throw SiteSettingsForm.invalid("id",
          "2 to 40 lower-case letters, digits and dashes, starting with a letter or digit");
    }
    request.requiredText("name", 100);
    SiteSettings site = SiteSettingsForm.apply(DEFAULTS.forSite(id, newSiteKey()),
        request.body());
    return admin(request).thenCompose(me -> store.call(() -> {
      checkDefaultQueue(site);
      if (sites.find(id).isPresent()) {
        throw new SwitchboardException(ErrorCode.CONFLICT, "id: a site " + id + " exists");
      }
      sites.create(site);
      return ApiResponse.created(SiteSettingsForm.json(find(id)));
    }));
  }

  private CompletableFuture<ApiResponse> update(ApiRequest request) {
    String id = request.param(0);
    return admin(request).thenCompose(me -> store.call(() -> {
      SiteSettings current = find(id);
      SiteSettings site = SiteSettingsForm.apply(current, request.body());
      checkDefaultQueue(site);
      if (!sites.update(site)) {
        throw new SwitchboardException(ErrorCode.NOT_FOUND, "unknown site " + id);
      }
      return ApiResponse.ok(SiteSettingsForm.json(find(id)))
          .withBefore(SiteSettingsForm.json(current));
    }));
  }

  private void checkDefaultQueue(SiteSettings site) {
    String queue = site.defaultQueueId();
    if (queue != null && queues.find(queue).filter(q -> q.siteId().equals(site.id())).isEmpty()) {
      throw SiteSettingsForm.invalid("defaultQueue", "no queue " + queue + " on this site");
    }
  }

  private SiteSettings find(String id) {
    return sites.settings(id).orElseThrow(() ->
        new SwitchboardException(ErrorCode.NOT_FOUND, "unknown site " + id));
  }

  private static String newSiteKey() {
    StringBuilder key = new StringBuilder("site_");
    for (int i = 0; i < 20; i++) {
      key.append(KEY_ALPHABET.charAt(RANDOM.nextInt(KEY_ALPHABET.length())));
    }
    return key.toString();
  }

  private CompletableFuture<Principal> admin(ApiRequest request) {
    return auth.staff(request.bearer()).thenApply(staff -> {
      AccessPolicy.requireRole(staff, Action.MANAGE_SITES);
      return staff;
    });
  }
}
