package io.switchboard.server.conversation;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.AccessPolicy;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Relation;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ParticipantDao;
import io.switchboard.server.util.SwitchboardException;
import java.util.UUID;

/**
 * Who may do what to a conversation: works out how the principal stands to it ({@link Relation})
 * from its row and asks the one {@link AccessPolicy}. The WebSocket commands and the REST
 * endpoints both come here, so they answer alike.
 *
 * <p>Thread-safe. The methods that may read PostgreSQL say so; call them on the store executor.
 */
public final class ConversationAccess {
  private final ConversationDao conversations;
  private final ParticipantDao participants;

  public ConversationAccess(ConversationDao conversations, ParticipantDao participants) {
    this.conversations = conversations;
    this.participants = participants;
  }

  /**
   * How the principal stands to the conversation, from its row and the principal alone (never
   * SERVES_CONTACT): a visitor's own, assigned to the staff member, or in a queue of their teams.
   */
  public static Relation relation(Principal principal, Conversation conversation) {
    if (principal.isVisitor()) {
      return conversation.contactId().toString().equals(principal.id())
          && conversation.siteId().equals(principal.siteId()) ? Relation.OWN : Relation.NONE;
    }
    if (conversation.agentId() != null && conversation.agentId().toString().equals(principal.id())) {
      return Relation.ASSIGNED;
    }
    return principal.inTeamQueue(conversation.queueId()) ? Relation.TEAM : Relation.NONE;
  }

  /** Whether the conversation's row alone lets the principal take the action (no store read). */
  public static boolean permitsFromRow(Principal principal, Action action,
      Conversation conversation) {
    return AccessPolicy.permits(principal, action, relation(principal, conversation));
  }

  /**
   * Throws FORBIDDEN unless the principal may take the action on the conversation. When the row
   * alone does not allow it but having joined it or serving the contact would, reads PostgreSQL
   * (store executor).
   */
  public void require(Principal principal, Action action, Conversation conversation) {
    Relation relation = relation(principal, conversation);
    if (!AccessPolicy.permits(principal, action, relation)
        && AccessPolicy.permits(principal, action, Relation.JOINED) && principal.isStaff()
        && participants.isParticipant(conversation.id(), UUID.fromString(principal.id()))) {
      relation = Relation.JOINED;
    }
    if (!AccessPolicy.permits(principal, action, relation)
        && AccessPolicy.permits(principal, action, Relation.SERVES_CONTACT)
        && servesContact(principal, conversation.contactId())) {
      relation = Relation.SERVES_CONTACT;
    }
    AccessPolicy.require(principal, action, relation);
  }

  /**
   * Throws FORBIDDEN unless the principal may read the contact's earlier conversations: staff who
   * serve or served the contact, supervisors whose teams' queues the contact came through, and
   * admins. Reads PostgreSQL (store executor).
   */
  public void requireContactHistory(Principal principal, UUID contactId) {
    Action action = Action.READ_CONTACT_HISTORY;
    AccessPolicy.requireRole(principal, action);
    Relation relation = Relation.NONE;
    if (!AccessPolicy.permits(principal, action, relation)) {
      if (servesContact(principal, contactId)) {
        relation = Relation.SERVES_CONTACT;
      } else if (AccessPolicy.permits(principal, action, Relation.TEAM)
          && conversations.contactSeenInQueues(contactId, principal.teamQueues())) {
        relation = Relation.TEAM;
      }
    }
    AccessPolicy.require(principal, action, relation);
  }

  /** The conversation the principal may take the action on; NOT_FOUND or FORBIDDEN otherwise. */
  public Conversation find(Principal principal, Action action, UUID conversationId) {
    AccessPolicy.requireRole(principal, action);
    Conversation conversation = conversations.find(conversationId).orElseThrow(() ->
        new SwitchboardException(ErrorCode.NOT_FOUND, "no such conversation"));
    require(principal, action, conversation);
    return conversation;
  }

  private boolean servesContact(Principal principal, UUID contactId) {
    return principal.isStaff()
        && conversations.servedBy(contactId, UUID.fromString(principal.id()));
  }

  /** Parses a conversation id from a client; NOT_FOUND when it is not one. */
  public static UUID conversationId(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND, "no such conversation: " + value);
    }
  }
}
