package io.switchboard.server.store.message;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.store.attachment.AttachmentRef;
import io.switchboard.server.util.SwitchboardException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One chat message to store through {@link GroupCommitMessageWriter}.
 *
 * @param clientMsgId the sender's idempotency key; a retry with the same key returns the message
 *     stored the first time
 * @param senderRole {@code visitor}, {@code agent} or {@code system}
 * @param senderId the contact id, the agent's user id or the system component; an agent must be the
 *     conversation's assignee
 * @param attachments uploads of the sender, checked against the site's rules, that the message
 *     carries; linked to it in the transaction that stores it (none may be on another message)
 *
 * <p>Immutable and thread-safe. The constructor rejects, with {@link ErrorCode#INVALID_FIELD} or
 * {@link ErrorCode#TOO_LARGE}, values that PostgreSQL would refuse, so that one bad message can
 * never fail the batch it shares with others.
 */
public record AppendRequest(
    UUID conversationId, String clientMsgId, String senderRole, String senderId, String body,
    List<AttachmentRef> attachments) {

  /** A message without attachments. */
  public AppendRequest(UUID conversationId, String clientMsgId, String senderRole, String senderId,
      String body) {
    this(conversationId, clientMsgId, senderRole, senderId, body, List.of());
  }

  /** The longest client message id accepted, in characters. */
  public static final int MAX_CLIENT_MSG_ID_LENGTH = 200;
  /** The longest sender id accepted, in characters. */
  public static final int MAX_SENDER_ID_LENGTH = 200;
  /** The longest body the store accepts, in characters; the protocol's own limit is lower. */
  public static final int MAX_BODY_LENGTH = 1_000_000;

  private static final Set<String> SENDER_ROLES = Set.of("visitor", "agent", "system");

  public AppendRequest {
    Objects.requireNonNull(conversationId, "conversationId");
    requireText("clientMsgId", clientMsgId, MAX_CLIENT_MSG_ID_LENGTH);
    requireText("senderId", senderId, MAX_SENDER_ID_LENGTH);
    if (senderRole == null || !SENDER_ROLES.contains(senderRole)) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "unknown sender role");
    }
    if (body == null) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "body is missing");
    }
    if (body.length() > MAX_BODY_LENGTH) {
      throw new SwitchboardException(ErrorCode.TOO_LARGE, "body is too long");
    }
    if (body.indexOf('\0') >= 0) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "body contains a NUL character");
    }
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** True when the sender is an agent, whose first message stops the first-response clock. */
  public boolean fromAgent() {
    return senderRole.equals("agent");
  }

  private static void requireText(String name, String value, int maxLength) {
    if (value == null || value.isEmpty()) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, name + " is missing");
    }
    if (value.length() > maxLength) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, name + " is too long");
    }
    if (value.indexOf('\0') >= 0) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, name + " contains a NUL character");
    }
  }

  @Override
  public String toString() {
    return "AppendRequest[conversationId=" + conversationId + ", clientMsgId=" + clientMsgId
        + ", senderRole=" + senderRole + "]";
  }
}
