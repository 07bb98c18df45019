package io.switchboard.server.store.message;

import io.switchboard.server.store.attachment.AttachmentRef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A chat message as committed to PostgreSQL.
 *
 * @param seq the message's position in its conversation: 1, 2, 3 ... without gaps
 * @param clientMsgId the sender's idempotency key, unique within the conversation
 * @param senderRole {@code visitor}, {@code agent} or {@code system}
 * @param senderId the contact id, user id or system component that sent it
 * @param createdAt the commit transaction's time
 * @param attachments the files it carries, as they were when it was sent
 *
 * <p>Immutable and thread-safe.
 */
public record StoredMessage(
    UUID conversationId,
    long seq,
    String clientMsgId,
    String senderRole,
    String senderId,
    String body,
    Instant createdAt,
    List<AttachmentRef> attachments) {

  /** A message without attachments. */
  public StoredMessage(UUID conversationId, long seq, String clientMsgId, String senderRole,
      String senderId, String body, Instant createdAt) {
    this(conversationId, seq, clientMsgId, senderRole, senderId, body, createdAt, List.of());
  }

  public StoredMessage {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  @Override
  public String toString() {
    return "StoredMessage[conversationId=" + conversationId + ", seq=" + seq
        + ", clientMsgId=" + clientMsgId + ", senderRole=" + senderRole + "]";
  }
}
