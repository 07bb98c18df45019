package io.switchboard.server.store.exchange;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A closed conversation brought in from another system, ready to store: the source's id, the
 * contact and agent it resolved to (the agent may be unknown here: then only {@code agentName}),
 * its times, channel, disposition, tags and messages in order.
 *
 * <p>Immutable and thread-safe.
 */
public record ImportedConversation(String sourceId, UUID contactId, String queueId, UUID agentId,
    String agentName, String channel, Instant started, Instant closed, String disposition,
    List<String> tags, List<Message> messages) {
  public ImportedConversation {
    tags = List.copyOf(tags);
    messages = List.copyOf(messages);
  }

  /** One message: {@code visitor}, {@code agent} or {@code system}, its sender id, time, text. */
  public record Message(String role, String senderId, Instant at, String text) {}
}
