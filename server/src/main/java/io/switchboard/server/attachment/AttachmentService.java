package io.switchboard.server.attachment;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.access.Action;
import io.switchboard.server.access.Principal;
import io.switchboard.server.conversation.ConversationAccess;
import io.switchboard.server.store.attachment.Attachment;
import io.switchboard.server.store.attachment.AttachmentChecks;
import io.switchboard.server.store.attachment.AttachmentDao;
import io.switchboard.server.store.attachment.AttachmentLinks;
import io.switchboard.server.store.attachment.AttachmentPolicy;
import io.switchboard.server.store.attachment.AttachmentPolicyDao;
import io.switchboard.server.store.blob.BlobStore;
import io.switchboard.server.store.ticket.Ticket;
import io.switchboard.server.store.ticket.TicketDao;
import io.switchboard.server.store.ticket.TicketEntry;
import io.switchboard.server.ticket.TicketAccess;
import io.switchboard.server.util.SwitchboardException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

/**
 * Uploads, who may see them, and their bytes. An upload is checked against the uploader's site
 * (a staff upload against the site it names, or the defaults), typed from its content, hashed
 * and stored once per content; only its uploader, and people who may see the conversation or
 * ticket that carries it, get it or a link to it. Every method blocks: call from the store
 * executor.
 *
 * <p>Thread-safe: holds only thread-safe collaborators.
 */
public final class AttachmentService {
  /**
   * What the service works with.
   *
   * @param maxUploadBytes the server's own cap on one upload, whatever a site allows
   */
  public record Parts(AttachmentDao attachments, AttachmentPolicyDao policies, BlobStore blobs,
      AttachmentLinks links, ConversationAccess conversations, TicketDao tickets,
      long maxUploadBytes, Clock clock) {}

  /**
   * One upload as the transport received it: the file's bytes in {@code file} (the caller
   * deletes it afterwards), the raw name, and optionally the client's upload key and, for staff,
   * the site whose rules apply.
   */
  public record Upload(String name, String uploadKey, String siteId, Path file, long size) {}

  /** A file to send: its record, its bytes (to close) and how to serve them. */
  public record Download(Attachment attachment, InputStream content, String servedType,
      boolean inline) {}

  private final Parts parts;
  private final ContentTypes types = new ContentTypes();

  public AttachmentService(Parts parts) {
    this.parts = parts;
  }

  public AttachmentLinks links() {
    return parts.links();
  }

  /** Checks, types, hashes and stores an upload; answers the stored attachment. */
  public Attachment upload(Principal who, Upload upload) throws IOException {
    String name = FileNames.sanitize(upload.name());
    if (upload.uploadKey() != null && !upload.uploadKey().matches("[A-Za-z0-9_.:-]{1,64}")) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "uploadId: 1-64 letters, digits, '.', '_', ':' or '-'");
    }
    if (upload.size() <= 0) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "the request body is empty: send the file's bytes as the body");
    }
    String siteId = who.isVisitor() ? who.siteId() : upload.siteId();
    AttachmentPolicy policy = siteId == null ? AttachmentPolicy.DEFAULTS
        : parts.policies().policy(siteId);
    long limit = Math.min(policy.maxFileBytes(), parts.maxUploadBytes());
    if (upload.size() > limit) {
      throw AttachmentChecks.tooLarge("the file", upload.size(), limit, "per file");
    }
    String type = types.detect(upload.file());
    if (!policy.allows(type)) {
      throw AttachmentChecks.unsupported(type);
    }
    String sha256 = Hashes.sha256(upload.file());
    String role = who.isVisitor() ? "visitor" : "staff";
    return parts.attachments().insert(new AttachmentDao.NewUpload(UUID.randomUUID(),
        who.isVisitor() ? siteId : null, sha256, upload.size(), type, name, role, who.id(),
        upload.uploadKey(), parts.clock().instant()), () -> parts.blobs().put(sha256,
        upload.file()));
  }

  /** The attachment if {@code who} may see it; NOT_FOUND, as for an unknown id, otherwise. */
  public Attachment readable(Principal who, UUID id) {
    Attachment attachment = parts.attachments().find(id).orElseThrow(AttachmentService::notFound);
    if (attachment.uploadedBy(who.isVisitor() ? "visitor" : "staff", who.id())
        || mayReadMessage(who, attachment) || mayReadTicketEntry(who, attachment)) {
      return attachment;
    }
    throw notFound();
  }

  /** The bytes behind a signed link; NOT_FOUND for a wrong, changed or expired link. */
  public Download download(String idText, String exp, String sig) throws IOException {
    UUID id;
    try {
      id = UUID.fromString(idText);
    } catch (IllegalArgumentException e) {
      throw notFound();
    }
    if (!parts.links().valid(id, exp, sig)) {
      throw new SwitchboardException(ErrorCode.NOT_FOUND,
          "this link is wrong or has expired; ask for a fresh one (GET /v1/attachments/" + id + ")");
    }
    Attachment attachment = parts.attachments().find(id).orElseThrow(AttachmentService::notFound);
    try {
      InputStream content = parts.blobs().open(attachment.sha256());
      return new Download(attachment, content, ContentTypes.servedType(attachment.contentType()),
          attachment.ref().image());
    } catch (NoSuchFileException e) {
      throw new SwitchboardException(ErrorCode.INTERNAL, "the file's bytes are missing", e);
    }
  }

  private boolean mayReadMessage(Principal who, Attachment attachment) {
    if (attachment.conversationId() == null) {
      return false;
    }
    try {
      parts.conversations().find(who, Action.READ, attachment.conversationId());
      return true;
    } catch (SwitchboardException e) {
      return false;
    }
  }

  private boolean mayReadTicketEntry(Principal who, Attachment attachment) {
    if (attachment.ticketId() == null) {
      return false;
    }
    Ticket ticket = parts.tickets().find(attachment.ticketId()).orElse(null);
    if (ticket == null) {
      return false;
    }
    try {
      TicketAccess.require(who, who.isVisitor() ? Action.OWN_TICKET : Action.WORK_TICKET, ticket);
    } catch (SwitchboardException e) {
      return false;
    }
    return who.isStaff() || parts.tickets().entries(ticket.id(), true).stream()
        .map(TicketEntry::id).anyMatch(attachment.ticketEntryId()::equals);
  }

  private static SwitchboardException notFound() {
    return new SwitchboardException(ErrorCode.NOT_FOUND, "no such attachment");
  }
}
