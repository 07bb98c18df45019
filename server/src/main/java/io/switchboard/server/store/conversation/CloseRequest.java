package io.switchboard.server.store.conversation;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A close someone asked for: the conversation, who closed it ({@code "agent"} or
 * {@code "visitor"}), and the agent's disposition (or null) and tags.
 *
 * <p>Immutable and thread-safe.
 */
public record CloseRequest(UUID conversationId, String closedBy, String disposition,
    List<String> tags) {
  public CloseRequest {
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(closedBy, "closedBy");
    tags = List.copyOf(tags);
  }
}
