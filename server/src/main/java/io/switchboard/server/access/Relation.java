package io.switchboard.server.access;

/**
 * How someone stands to the conversation (or contact) an action is about. The conversation owner
 * works it out from the conversation's row; the policy only reads it.
 *
 * <p>Immutable and thread-safe.
 */
public enum Relation {
  /** A visitor's own conversation: their contact, on their site. */
  OWN,
  /** Staff: the conversation is assigned to them. */
  ASSIGNED,
  /**
   * Staff: they serve the conversation's contact right now (hold the contact's open
   * conversation) or served them before, so earlier conversations are the context they need.
   */
  SERVES_CONTACT,
  /**
   * Staff: the conversation (or queue) belongs to a queue one of their teams owns. Supervisors
   * oversee these; agents may read them, for handover.
   */
  TEAM,
  /**
   * Staff: joined the conversation as a participant beside its agent (a supervisor's barge), so
   * they write in it too.
   */
  JOINED,
  /** None of the above, or the action is about no conversation at all. */
  NONE
}
