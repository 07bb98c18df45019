package io.switchboard.server.campaign;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Principal;
import io.switchboard.server.delivery.DeliveryService;
import io.switchboard.server.store.cache.CachedLookups;
import io.switchboard.server.store.campaign.Campaign;
import io.switchboard.server.store.campaign.CampaignDao;
import io.switchboard.server.store.campaign.Invitation;
import io.switchboard.server.store.campaign.InvitationDao.Touch;
import io.switchboard.server.store.campaign.InvitationDao;
import io.switchboard.server.store.contact.ContactDao;
import io.switchboard.server.store.queue.QueueSchedule;
import io.switchboard.server.store.user.UserDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Campaigns at work on the site: which campaign a visitor's page matches (the server evaluates
 * every rule, so caps, business hours and history are judged where they are known), recording
 * that it was shown (the cap re-checked under a lock), the visitor's touches, and an agent's
 * invitation to a visitor on the site now, pushed to their open widgets through the user channel.
 * Rules are judged on the business clock; touches are stamped with the same clock.
 *
 * <p>Thread-safe.
 */
public final class CampaignService {
  /** A campaign the visitor's page matches, to show after {@code afterSeconds} more seconds. */
  public record Offer(Campaign campaign, String text, String senderName, int afterSeconds) {}

  /** The answer to a page report: a campaign to show, and an agent's invitation not yet shown. */
  public record VisitAnswer(Optional<Offer> offer, Optional<Invitation> invitation) {}

  /**
   * How long an agent's invitation waits for a page to show it: a visitor whose page reports only
   * every 30 seconds, without a socket, sees it with the next report.
   */
  static final Duration PENDING_FOR = Duration.ofMinutes(10);

  private final CampaignDao campaigns;
  private final InvitationDao invitations;
  private final ContactDao contacts;
  private final UserDao users;
  private final CachedLookups lookups;
  private final RedisLiveVisitorStore live;
  private final DeliveryService delivery;
  private final BlockingExecutor store;
  private final Clock clock;

  /** What the service works with. */
  public record Parts(CampaignDao campaigns, InvitationDao invitations, ContactDao contacts,
      UserDao users, CachedLookups lookups, RedisLiveVisitorStore live, DeliveryService delivery,
      BlockingExecutor store, Clock clock) {}

  public CampaignService(Parts parts) {
    this(parts.campaigns(), parts.invitations(), parts.contacts(), parts.users(), parts.lookups(),
        parts.live(), parts.delivery(), parts.store(), parts.clock());
  }

  private CampaignService(CampaignDao campaigns, InvitationDao invitations, ContactDao contacts,
      UserDao users, CachedLookups lookups, RedisLiveVisitorStore live, DeliveryService delivery,
      BlockingExecutor store, Clock clock) {
    this.users = users;
    this.campaigns = campaigns;
    this.invitations = invitations;
    this.contacts = contacts;
    this.lookups = lookups;
    this.live = live;
    this.delivery = delivery;
    this.store = store;
    this.clock = clock;
  }

  /**
   * The visitor reports their page: they count as on the site now, and the answer is the first
   * campaign (highest priority) that matches, if any, and an agent's invitation their pages have
   * not shown yet.
   */
  public CompletableFuture<VisitAnswer> visit(Principal visitor, PageVisit visit, String title) {
    return live.report(visitor.siteId(), visitor.id(), visit, title)
        .thenCompose(reported -> store.call(() -> new VisitAnswer(match(visitor, visit),
            invitations.pending(UUID.fromString(visitor.id()),
                clock.instant().minus(PENDING_FOR)))));
  }

  private Optional<Offer> match(Principal visitor, PageVisit visit) {
    UUID contactId = UUID.fromString(visitor.id());
    Instant now = clock.instant();
    for (Campaign campaign : campaigns.enabled(visitor.siteId())) {
      // The visitor's history only narrows a match: read it for campaigns whose page rules
      // match, not on every report for every campaign.
      if (CampaignRules.delay(campaign, visit, InvitationDao.Seen.NEVER, schedule(campaign), now)
          .isEmpty()) {
        continue;
      }
      OptionalInt delay = CampaignRules.delay(campaign, visit,
          invitations.seen(contactId, campaign.id()), schedule(campaign), now);
      if (delay.isPresent()) {
        return Optional.of(new Offer(campaign, campaign.message(visit.language()),
            senderName(campaign.senderId()), delay.getAsInt()));
      }
    }
    return Optional.empty();
  }

  /**
   * The widget shows the campaign now: every rule is checked again (time on page included) and
   * the cap under a lock; CONFLICT when the campaign no longer applies.
   */
  public CompletableFuture<Invitation> shown(Principal visitor, UUID campaignId,
      PageVisit visit) {
    return store.call(() -> {
      Campaign campaign = campaigns.find(campaignId)
          .filter(c -> c.siteId().equals(visitor.siteId()))
          .orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_FOUND,
              "campaign: no such campaign on this site"));
      OptionalInt delay = CampaignRules.delay(campaign, visit, InvitationDao.Seen.NEVER,
          schedule(campaign), clock.instant());
      if (delay.isEmpty() || delay.getAsInt() > 0) {
        throw new SwitchboardException(ErrorCode.CONFLICT,
            "campaign: does not apply to this page now");
      }
      return invitations.showCampaign(campaign, UUID.fromString(visitor.id()),
              campaign.message(visit.language()),
              seen -> CampaignRules.capAllows(campaign, seen, clock.instant()), clock.instant())
          .orElseThrow(() -> new SwitchboardException(ErrorCode.CONFLICT,
              "campaign: already shown to this visitor"));
    });
  }

  /** The visitor's widget reports a touch on one of their invitations. */
  public CompletableFuture<Void> touch(Principal visitor, UUID invitationId, Touch touch) {
    return store.run(() -> {
      if (!invitations.touch(invitationId, UUID.fromString(visitor.id()), touch, clock.instant())) {
        throw new SwitchboardException(ErrorCode.NOT_FOUND, "invitation: no such invitation");
      }
    });
  }

  /**
   * An agent invites a visitor who is on a site the agent may see, now: the invitation is stored
   * and pushed to the visitor's open widgets on every node. CONFLICT when the visitor left.
   */
  public CompletableFuture<Invitation> invite(Principal staff, UUID contactId, String text) {
    return store.call(() -> contacts.find(contactId)
            .filter(contact -> StaffSites.of(staff, lookups).allows(contact.siteId()))
            .orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_FOUND,
                "contact: no such visitor on your sites")))
        .thenCompose(contact -> live.isLive(contact.siteId(), contact.id().toString())
            .thenCompose(isLive -> {
              if (!isLive) {
                throw new SwitchboardException(ErrorCode.CONFLICT,
                    "contact: the visitor is no longer on the site");
              }
              return store.call(() -> invitations.invite(contact.siteId(), contact.id(),
                  UUID.fromString(staff.id()), text, clock.instant()));
            }))
        .thenApply(invitation -> {
          delivery.publishToUser(invitation.contactId().toString(), invite(invitation));
          return invitation;
        });
  }

  /** The wire form of an invitation. */
  public static ServerMessage.Invite invite(Invitation invitation) {
    return new ServerMessage.Invite(invitation.id().toString(),
        invitation.campaignId() == null ? null : invitation.campaignId().toString(),
        invitation.body(), invitation.senderId() == null ? null : new ServerMessage.Participant(
            "agent", invitation.senderId().toString(), invitation.senderName()),
        invitation.createdAt());
  }

  private QueueSchedule schedule(Campaign campaign) {
    return lookups.schedule(campaign.queueId()).orElse(QueueSchedule.alwaysOpen());
  }

  private String senderName(UUID senderId) {
    return senderId == null ? null
        : users.find(senderId).map(user -> user.displayName()).orElse(null);
  }
}
