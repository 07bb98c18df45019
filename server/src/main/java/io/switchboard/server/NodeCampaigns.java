package io.switchboard.server;

import io.switchboard.server.api.CampaignAdminApi;
import io.switchboard.server.api.LiveVisitorApi;
import io.switchboard.server.api.WidgetCampaignApi;
import io.switchboard.server.api.WidgetFirstViewApi;
import io.switchboard.server.campaign.CampaignReplies;
import io.switchboard.server.campaign.CampaignService;
import io.switchboard.server.campaign.RedisLiveVisitorStore;
import io.switchboard.server.store.campaign.CampaignDao;
import io.switchboard.server.store.campaign.InvitationDao;

/**
 * A node's proactive campaigns: the admin's campaigns and their statistics, what the widget
 * reports about the visit (and the campaign it is answered with; on a shop page's first view, the
 * loader's report, which makes the visitor), the live-visitors list with
 * agents' invitations, and replies to invitations, which start conversations. Rules, caps and
 * touches run on the business clock (tests move it); who is on the site now on the system clock.
 *
 * <p>Thread-safe: it only wires thread-safe parts, once, at start-up.
 */
final class NodeCampaigns {
  private NodeCampaigns() {}

  static void start(NodeServiceDesk.Parts p) {
    CampaignDao campaigns = new CampaignDao(p.jdbi());
    InvitationDao invitations = new InvitationDao(p.jdbi());
    RedisLiveVisitorStore live = new RedisLiveVisitorStore(p.redis(), p.clock());
    CampaignService service = new CampaignService(new CampaignService.Parts(campaigns,
        invitations, p.stores().contacts(), p.stores().users(), p.stores().lookups(), live,
        p.delivery(), p.store(), p.businessClock()));
    new CampaignAdminApi(new CampaignAdminApi.Parts(campaigns, invitations, p.stores().lookups(),
        p.stores().users(), p.auth(), p.store(), p.businessClock())).register(p.api());
    new WidgetCampaignApi(service, p.auth()).register(p.api());
    new WidgetFirstViewApi(new WidgetFirstViewApi.Parts(p.auth(), service, p.stores().sites(),
        p.store(), p.limiter(), p.config().security().rates().visitorTokens())).register(p.api());
    new LiveVisitorApi(new LiveVisitorApi.Parts(service, live, p.stores().sites(),
        p.stores().contacts(), p.stores().lookups(), p.auth(), p.store(), p.clock()))
        .register(p.api());
    p.conversations().useInvitations(new CampaignReplies(campaigns, invitations,
        p.businessClock()));
  }
}
