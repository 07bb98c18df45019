package io.switchboard.server.store.conversation;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A conversation between one visitor and the site's agents, as stored.
 *
 * @param agentId the assignee; set exactly when the status is {@link ConversationStatus#ASSIGNED}
 * @param fields the pre-chat form's answers
 * @param lastSeq the seq of the newest message, 0 when there is none
 * @param enqueuedAt when it entered its queue; kept when it is requeued, so it keeps its place
 * @param closedBy who closed it; null while open
 * @param language the visitor's language tag from {@code start} (routing matches its primary
 *     subtag); null when not given
 *
 * <p>Immutable and thread-safe. The nullable timestamps are null until the event happens.
 */
public record Conversation(
    UUID id,
    String siteId,
    UUID contactId,
    String queueId,
    ConversationStatus status,
    UUID agentId,
    Map<String, String> fields,
    int priority,
    long lastSeq,
    Instant createdAt,
    Instant enqueuedAt,
    Instant assignedAt,
    Instant acceptedAt,
    Instant firstAgentResponseAt,
    Instant closedAt,
    String closedBy,
    String disposition,
    String language) {
  public Conversation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    fields = fields == null ? Map.of() : Map.copyOf(fields);
  }

  /** True unless the conversation is closed. */
  public boolean open() {
    return status != ConversationStatus.CLOSED;
  }

  @Override
  public String toString() {
    return "Conversation[id=" + id + ", siteId=" + siteId + ", queueId=" + queueId
        + ", status=" + status.wire() + ", agentId=" + agentId + ", lastSeq=" + lastSeq + "]";
  }
}
