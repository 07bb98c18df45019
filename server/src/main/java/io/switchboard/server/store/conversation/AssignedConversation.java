package io.switchboard.server.store.conversation;

import java.util.Objects;

/**
 * A conversation just assigned to an agent, with what the agent's {@code assigned} event needs
 * besides it.
 *
 * @param conversation the conversation as it is after the assignment
 * @param contactName the visitor's name, or null when they gave none
 *
 * <p>Immutable and thread-safe.
 */
public record AssignedConversation(Conversation conversation, String contactName) {
  public AssignedConversation {
    Objects.requireNonNull(conversation, "conversation");
  }
}
