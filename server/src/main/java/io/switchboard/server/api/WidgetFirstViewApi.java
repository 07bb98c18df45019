package io.switchboard.server.api;

import io.switchboard.server.auth.AuthService;
import io.switchboard.server.campaign.CampaignService;
import io.switchboard.server.campaign.PageVisit;
import io.switchboard.server.ratelimit.Limit;
import io.switchboard.server.ratelimit.RateLimiter;
import io.switchboard.server.store.site.SiteDao;
import io.switchboard.server.store.site.SiteSettings;
import io.switchboard.server.util.BlockingExecutor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /v1/widget/first-view}: the widget's loader reports a shop page's first view in a
 * browser where the chat's frame never ran, so that the page costs the loader and this one
 * request instead of the frame, its modules, a visitor token and a socket. The answer makes a new
 * anonymous visitor and gives the loader its visit pass (the frame takes the visitor over with it
 * when it first starts), the launcher's look (labels in the visitor's language, the site's colour)
 * and the campaign or invitation, as {@code POST /v1/widget/page-view} answers them. A CORS
 * simple request with a text/plain body, counted against the address's visitor-token limit, since
 * it makes a contact just as {@code POST /v1/visitors} does.
 *
 * <p>Thread-safe.
 */
public final class WidgetFirstViewApi {
  /** What the first view needs. */
  public record Parts(AuthService auth, CampaignService campaigns, SiteDao sites,
      BlockingExecutor store, RateLimiter limiter, Limit visitorTokens) {}

  private final Parts parts;

  public WidgetFirstViewApi(Parts parts) {
    this.parts = parts;
  }

  public void register(ApiRoutes routes) {
    routes.addCrossOrigin("POST", "/v1/widget/first-view", request -> {
      String siteKey = request.requiredText("siteKey", 128);
      PageVisit visit = WidgetCampaignApi.visit(request);
      return parts.limiter().acquire(request.address(), parts.visitorTokens())
          .thenCompose(allowed -> parts.auth().firstVisit(siteKey, request.origin()))
          .thenCompose(first -> parts.store().call(() ->
                  parts.sites().settings(first.visitor().siteId()).orElseThrow())
              .thenCompose(settings -> parts.campaigns().visit(first.visitor(), visit,
                      WidgetCampaignApi.title(request))
                  .thenApply(answer -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("pass", first.pass());
                    out.put("look", look(settings, visit.language()));
                    out.putAll(WidgetCampaignApi.answer(answer));
                    return ApiResponse.ok(out);
                  })));
    });
  }

  private static Map<String, Object> look(SiteSettings settings, String browserLanguage) {
    Map<String, Object> look = new LinkedHashMap<>();
    look.put("labels", LauncherLabels.of(settings.language(), browserLanguage));
    look.put("brandColor", settings.brandColor());
    return look;
  }
}
