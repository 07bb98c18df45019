package io.switchboard.server.store.attachment;

import java.time.Instant;
import java.util.UUID;

/**
 * One uploaded file as the {@code attachments} table holds it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param siteId the visitor's site, or the site of what references a staff upload; null for a
 *     staff upload not yet referenced
 * @param uploaderRole {@code visitor} or {@code staff}
 * @param uploaderId the contact id of a visitor, the user id of staff
 * @param conversationId with {@code messageSeq}: the chat message that carries it, or null
 * @param ticketId with {@code ticketEntryId}: the ticket entry that carries it, or null
 */
public record Attachment(UUID id, String siteId, String sha256, long size, String contentType,
    String fileName, String uploaderRole, String uploaderId, Instant createdAt,
    UUID conversationId, Long messageSeq, UUID ticketId, Long ticketEntryId) {

  /** Whether a message or a ticket entry carries it. */
  public boolean referenced() {
    return conversationId != null || ticketId != null;
  }

  /** Whether {@code role} ({@code visitor} or {@code staff}) and {@code id} uploaded it. */
  public boolean uploadedBy(String role, String id) {
    return uploaderRole.equals(role) && uploaderId.equalsIgnoreCase(id);
  }

  public AttachmentRef ref() {
    return new AttachmentRef(id, fileName, size, contentType);
  }
}
