package io.switchboard.server.mail;

import java.util.List;
import java.util.UUID;

/**
 * Where the attachments and inline images of a received mail go once the mail became a ticket
 * entry ({@link StoredMailAttachments}). The raw mail is stored whole besides, so a part the
 * site's rules refuse can still be downloaded with it.
 *
 * <p>Implementations must be thread-safe.
 */
public interface AttachmentSink {
  void store(UUID ticketId, long entryId, List<MailPart> parts);
}
