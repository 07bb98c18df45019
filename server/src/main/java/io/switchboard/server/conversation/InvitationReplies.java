package io.switchboard.server.conversation;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.Principal;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.message.AppendRequest;
import io.switchboard.server.util.SwitchboardException;
import java.util.Optional;

/**
 * How a visitor's {@code start} that replies to an invitation (a campaign's, or an agent's) is
 * told apart from any other: which queue it starts in, and what the reply records. The campaigns
 * provide it; without them, a start naming an invitation is refused.
 *
 * <p>Implementations are thread-safe; both methods block and run on the store executor.
 */
public interface InvitationReplies {
  /** Refuses every invitation: the node has no campaigns. */
  InvitationReplies NONE = new InvitationReplies() {
    @Override
    public Optional<String> queue(Principal visitor, String invitationId) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND, "invitation: no such invitation");
    }

    @Override
    public Optional<AppendRequest> replied(Principal visitor, String invitationId,
        Conversation conversation) {
      return Optional.empty();
    }
  };

  /**
   * The queue the reply's conversation starts in (empty: the site's default queue);
   * NOT_FOUND when the invitation is not the visitor's.
   */
  Optional<String> queue(Principal visitor, String invitationId);

  /**
   * Records that the new conversation answers the invitation (and marks it with its campaign),
   * and returns the invitation's text to store as the conversation's first message; empty when
   * the invitation was answered before or the conversation is not new.
   */
  Optional<AppendRequest> replied(Principal visitor, String invitationId,
      Conversation conversation);
}
