package io.switchboard.server.conversation;

import java.util.Locale;

/**
 * Why an assigned conversation went back to its queue; recorded in its history and told to the
 * agent who lost it.
 *
 * <p>Immutable and thread-safe.
 */
public enum RequeueReason {
  /** The agent was offline past the grace period; everyone following the chat is told. */
  AGENT_OFFLINE(true),
  /** The agent let the offer time out; the visitor never saw them join, so only they are told. */
  ACCEPT_TIMEOUT(false);

  private final boolean announced;

  RequeueReason(boolean announced) {
    this.announced = announced;
  }

  /** The word in the history and in the {@code unassigned} event. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the conversation's followers see it move back to the queue. */
  boolean announced() {
    return announced;
  }
}
