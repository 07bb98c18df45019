package io.switchboard.server.api;

import io.switchboard.server.auth.AuthService;
import io.switchboard.server.campaign.CampaignService;
import io.switchboard.server.campaign.PageVisit;
import io.switchboard.server.store.campaign.Invitation;
import io.switchboard.server.store.campaign.InvitationDao.Touch;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * What the widget tells the server about the visit, for campaigns and the live-visitors list:
 * {@code POST /v1/widget/visit} (the page now; answers the campaign to show, if any, and after
 * how many seconds, an agent's invitation not yet shown, and a visit pass for the loader),
 * {@code POST /v1/widget/page-view} (the same report from the loader on the host page, with the
 * visit pass in the body, before the chat's frame exists),
 * {@code POST /v1/widget/campaigns/{id}/shown} (the widget shows it now; the server checks the
 * rules and the cap again and answers the invitation) and
 * {@code POST /v1/widget/invitations/{id}/{touch}} ({@code shown}, {@code opened} or
 * {@code dismissed}). All but the page view take the visitor's bearer token.
 *
 * <p>Thread-safe.
 */
public final class WidgetCampaignApi {
  private final CampaignService campaigns;
  private final AuthService auth;

  public WidgetCampaignApi(CampaignService campaigns, AuthService auth) {
    this.campaigns = campaigns;
    this.auth = auth;
  }

  public void register(ApiRoutes routes) {
    routes.add("POST", "/v1/widget/visit", request -> {
      PageVisit visit = visit(request);
      return auth.visitor(request.bearer(), null)
          .thenCompose(visitor -> campaigns.visit(visitor, visit, title(request)))
          .thenApply(answer -> {
            Map<String, Object> out = answer(answer);
            out.put("pass", auth.visitPass(request.bearer()).orElseThrow());
            return ApiResponse.ok(out);
          });
    });
    // The loader's report from the host page, before the chat was ever opened there: a CORS
    // simple request (a text/plain body, no Authorization header), so it costs no preflight.
    routes.addCrossOrigin("POST", "/v1/widget/page-view", request -> {
      PageVisit visit = visit(request);
      String pass = request.requiredText("pass", 512);
      return auth.visitorByPass(pass, request.origin())
          .thenCompose(visitor -> campaigns.visit(visitor, visit, title(request)))
          .thenApply(answer -> ApiResponse.ok(answer(answer)));
    });
    routes.add("POST", "/v1/widget/campaigns/{id}/shown", request -> {
      UUID id = CampaignForm.uuid("id", request.param(0));
      PageVisit visit = visit(request);
      return auth.visitor(request.bearer(), null)
          .thenCompose(visitor -> campaigns.shown(visitor, id, visit))
          .thenApply(invitation -> ApiResponse.created(json(invitation)));
    });
    routes.add("POST", "/v1/widget/invitations/{id}/{touch}", request -> {
      UUID id = CampaignForm.uuid("id", request.param(0));
      Touch touch = touch(request.param(1));
      return auth.visitor(request.bearer(), null)
          .thenCompose(visitor -> campaigns.touch(visitor, id, touch))
          .thenApply(done -> ApiResponse.noContent());
    });
  }

  static String title(ApiRequest request) {
    String title = request.text("title");
    return title == null ? null : title.substring(0, Math.min(512, title.length()));
  }

  static Map<String, Object> answer(CampaignService.VisitAnswer answer) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("campaign", answer.offer().map(o -> {
      Map<String, Object> campaign = new LinkedHashMap<>();
      campaign.put("id", o.campaign().id().toString());
      campaign.put("text", o.text());
      campaign.put("sender", o.senderName() == null ? null : Map.of("name", o.senderName()));
      campaign.put("afterSeconds", o.afterSeconds());
      return campaign;
    }).orElse(null));
    out.put("invitation", answer.invitation().map(WidgetCampaignApi::json).orElse(null));
    return out;
  }

  static Map<String, Object> json(Invitation invitation) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("invitationId", invitation.id().toString());
    out.put("campaignId", invitation.campaignId() == null ? null
        : invitation.campaignId().toString());
    out.put("text", invitation.body());
    out.put("sender", invitation.senderName() == null ? null
        : Map.of("name", invitation.senderName()));
    return out;
  }

  static PageVisit visit(ApiRequest request) {
    String url = request.requiredText("url", 2048);
    String referrer = request.text("referrer");
    if (referrer != null && referrer.length() > 2048) {
      throw CampaignForm.invalid("referrer", "at most 2048 characters");
    }
    String language = request.text("language");
    if (language != null && language.length() > 35) {
      throw CampaignForm.invalid("language", "at most 35 characters");
    }
    return new PageVisit(url, referrer == null || referrer.isBlank() ? null : referrer,
        language, request.optionalInt("visits", 1, 1_000_000, 1),
        request.optionalInt("secondsOnPage", 0, 86_400, 0));
  }

  private static Touch touch(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "shown" -> Touch.SHOWN;
      case "opened" -> Touch.OPENED;
      case "dismissed" -> Touch.DISMISSED;
      default -> throw CampaignForm.invalid("touch", "shown, opened or dismissed");
    };
  }
}
