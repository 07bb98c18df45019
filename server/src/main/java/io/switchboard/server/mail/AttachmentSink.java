package io.switchboard.server.mail;

import java.util.List;
import java.util.UUID;

/**
 * Where the attachments and inline images of a received mail go once the mail became a ticket
 * entry. Attachment storage plugs in here; until then {@link #NOT_STORED} keeps them only in the
 * raw mail, which is stored whole and can be downloaded.
 *
 * <p>Implementations must be thread-safe.
 */
public interface AttachmentSink {
  /** Keeps nothing apart from the raw mail. */
  AttachmentSink NOT_STORED = (ticketId, entryId, parts) -> { };

  void store(UUID ticketId, long entryId, List<MailPart> parts);
}
