package io.switchboard.server.campaign;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.Principal;
import io.switchboard.server.conversation.InvitationReplies;
import io.switchboard.server.store.campaign.CampaignDao;
import io.switchboard.server.store.campaign.Invitation;
import io.switchboard.server.store.campaign.InvitationDao;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.message.AppendRequest;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * A visitor's reply to an invitation: the conversation starts in the campaign's queue (an
 * agent's invitation: the site's default queue), is marked with the campaign, and gets the
 * invitation's text as its first message. That message is a {@code system} message whose sender
 * id is the inviting agent's user id, or {@code team}; its client message id is derived from the
 * invitation, so a retried start never stores it twice (I2).
 *
 * <p>Thread-safe; both methods block.
 */
public final class CampaignReplies implements InvitationReplies {
  private final CampaignDao campaigns;
  private final InvitationDao invitations;
  private final Clock clock;

  public CampaignReplies(CampaignDao campaigns, InvitationDao invitations, Clock clock) {
    this.campaigns = campaigns;
    this.invitations = invitations;
    this.clock = clock;
  }

  @Override
  public Optional<String> queue(Principal visitor, String invitationId) {
    Invitation invitation = own(visitor, invitationId);
    if (invitation.campaignId() == null) {
      return Optional.empty();
    }
    return campaigns.find(invitation.campaignId()).map(campaign -> campaign.queueId());
  }

  @Override
  public Optional<AppendRequest> replied(Principal visitor, String invitationId,
      Conversation conversation) {
    Invitation invitation = own(visitor, invitationId);
    if (conversation.lastSeq() > 0
        || !invitations.replied(invitation.id(), conversation.id(), clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(new AppendRequest(conversation.id(), "invitation-" + invitation.id(),
        "system", invitation.senderId() == null ? "team" : invitation.senderId().toString(),
        invitation.body()));
  }

  private Invitation own(Principal visitor, String invitationId) {
    UUID id;
    try {
      id = UUID.fromString(invitationId);
    } catch (IllegalArgumentException e) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "invitation: not an invitation id");
    }
    return invitations.find(id, UUID.fromString(visitor.id()))
        .orElseThrow(() -> new SwitchboardException(ErrorCode.NOT_FOUND,
            "invitation: no such invitation"));
  }
}
