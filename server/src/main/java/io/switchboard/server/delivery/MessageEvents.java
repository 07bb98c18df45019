package io.switchboard.server.delivery;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.store.attachment.AttachmentLinks;
import io.switchboard.server.store.message.StoredMessage;
import java.util.List;

/**
 * Turns a stored message into the {@code message} event a client gets, its attachments with
 * freshly signed links (so a replay long after the message still gives working links).
 *
 * <p>Thread-safe: immutable.
 */
final class MessageEvents {
  private final AttachmentLinks links;

  MessageEvents(AttachmentLinks links) {
    this.links = links;
  }

  /** The {@code message} event of {@code message}. */
  ServerMessage.Message of(StoredMessage message) {
    List<ServerMessage.Attachment> files = message.attachments().stream().map(ref -> {
      AttachmentLinks.Link link = links.link(ref.id());
      return new ServerMessage.Attachment(ref.id().toString(), ref.name(), ref.size(),
          ref.contentType(), ref.image(), link.url(), link.expiresAt());
    }).toList();
    return new ServerMessage.Message(message.conversationId().toString(), message.seq(),
        message.clientMsgId(),
        new ServerMessage.Participant(message.senderRole(), message.senderId(), null),
        message.body(), message.createdAt(), files);
  }
}
