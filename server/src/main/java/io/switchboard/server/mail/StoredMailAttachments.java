package io.switchboard.server.mail;

import io.switchboard.server.access.Principal;
import io.switchboard.server.attachment.AttachmentService;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.attachment.Attachment;
import io.switchboard.server.store.ticket.Ticket;
import io.switchboard.server.util.SwitchboardException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the attachments and inline images of received mail as the ticket entry's attachments.
 * Each part goes through the checks of an upload by the requester (type found from the content,
 * the site's allow-list and limit per file); a part refused there stays only in the raw mail,
 * which is kept whole, and the refusal is logged. A part is uploaded under a key made of the entry
 * and its place, so threading the same mail again stores nothing twice.
 *
 * <p>Thread-safe: holds only thread-safe collaborators.
 */
public final class StoredMailAttachments implements AttachmentSink {
  private static final Logger LOG = LoggerFactory.getLogger(StoredMailAttachments.class);

  private final Stores stores;
  private final AttachmentService attachments;

  public StoredMailAttachments(Stores stores, AttachmentService attachments) {
    this.stores = stores;
    this.attachments = attachments;
  }

  @Override
  public void store(UUID ticketId, long entryId, List<MailPart> parts) {
    Ticket ticket = stores.tickets().find(ticketId).orElse(null);
    if (ticket == null || parts.isEmpty()) {
      return;
    }
    Principal requester = Principal.visitor(ticket.contactId().toString(), ticket.siteId());
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      MailPart part = parts.get(i);
      try {
        ids.add(upload(requester, ticket.siteId(), part, "mail-" + entryId + "-" + i).id());
      } catch (SwitchboardException | IOException e) {
        LOG.info("part {} ({}) of the mail in ticket entry {} is kept only in the raw mail: {}",
            i + 1, part.fileName(), entryId, e.getMessage());
      }
    }
    if (!ids.isEmpty() && !attachments.linkToEntry(ids, ticketId, entryId, ticket.siteId())) {
      LOG.info("the parts of the mail in ticket entry {} were linked before", entryId);
    }
  }

  private Attachment upload(Principal requester, String siteId, MailPart part, String key)
      throws IOException {
    Path file = Files.createTempFile("switchboard-mail-", ".part");
    try {
      Files.write(file, part.bytes());
      return attachments.upload(requester, new AttachmentService.Upload(name(part), key, siteId,
          file, part.bytes().length));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** The part's file name, or one made from its type for an unnamed inline image. */
  private static String name(MailPart part) {
    if (part.fileName() != null && !part.fileName().isBlank()) {
      return part.fileName();
    }
    String type = part.declaredType() == null ? "" : part.declaredType().toLowerCase();
    int slash = type.indexOf('/');
    String ext = slash < 0 ? "bin" : type.substring(slash + 1).replaceAll("[^a-z0-9].*$", "");
    return (part.inline() ? "inline-image." : "attachment.") + (ext.isEmpty() ? "bin" : ext);
  }
}
