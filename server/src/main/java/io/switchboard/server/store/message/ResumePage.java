package io.switchboard.server.store.message;

import io.switchboard.server.store.conversation.Conversation;
import java.util.List;
import java.util.Objects;

/**
 * A conversation and its first page of messages after a seq, read in one statement for
 * {@code resume}.
 *
 * @param conversation the conversation as it is now (its status and last seq)
 * @param messages up to a page of its messages after the seq, in seq order
 *
 * <p>Immutable and thread-safe.
 */
public record ResumePage(Conversation conversation, List<StoredMessage> messages) {
  public ResumePage {
    Objects.requireNonNull(conversation, "conversation");
    messages = List.copyOf(messages);
  }
}
