package io.switchboard.server.store.attachment;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.util.SwitchboardException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Checks the uploads a chat message or a ticket entry is about to carry: they exist, the sender
 * uploaded them, they belong to the site, the site accepts their type and size, and together
 * they fit the site's limit per message. Used by the conversation and the ticket owners before
 * they store what references the files.
 *
 * <p>Stateless and thread-safe.
 */
public final class AttachmentChecks {
  /** The most files on one message or entry. */
  public static final int MAX_FILES = 10;

  private AttachmentChecks() {}

  /** The ids of a request, parsed; {@code INVALID_FIELD} naming the bad one. */
  public static List<UUID> ids(List<String> values) {
    if (values == null || values.isEmpty()) {
      return List.of();
    }
    if (values.size() > MAX_FILES) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "attachments: at most " + MAX_FILES + " files on one message");
    }
    List<UUID> ids = new ArrayList<>();
    for (String value : values) {
      try {
        UUID id = UUID.fromString(value);
        if (ids.contains(id)) {
          throw new SwitchboardException(ErrorCode.INVALID_FIELD,
              "attachments: " + value + " is listed twice");
        }
        ids.add(id);
      } catch (IllegalArgumentException e) {
        throw new SwitchboardException(ErrorCode.INVALID_FIELD,
            "attachments: " + value + " is not an attachment id");
      }
    }
    return List.copyOf(ids);
  }

  /**
   * The references of {@code ids} for a message on {@code siteId} by {@code senderRole}
   * ({@code visitor} or {@code staff}) {@code senderId}; {@code alreadyUsed} tells whether an
   * upload already sits where this one goes (a message, or a ticket entry).
   */
  public static List<AttachmentRef> check(List<UUID> ids, List<Attachment> found, String siteId,
      String senderRole, String senderId, AttachmentPolicy policy,
      Function<Attachment, Boolean> alreadyUsed) {
    Map<UUID, Attachment> byId = new java.util.HashMap<>();
    found.forEach(a -> byId.put(a.id(), a));
    List<AttachmentRef> refs = new ArrayList<>();
    long total = 0;
    for (UUID id : ids) {
      Attachment attachment = byId.get(id);
      if (attachment == null || !attachment.uploadedBy(senderRole, senderId)
          || attachment.siteId() != null && !attachment.siteId().equals(siteId)) {
        throw new SwitchboardException(ErrorCode.NOT_FOUND, "attachments: no upload " + id
            + " of yours (uploads not sent within a day are removed)");
      }
      if (alreadyUsed.apply(attachment)) {
        throw new SwitchboardException(ErrorCode.CONFLICT,
            "attachments: " + id + " is already sent; upload the file again to send it again");
      }
      if (!policy.allows(attachment.contentType())) {
        throw unsupported(attachment.contentType());
      }
      if (attachment.size() > policy.maxFileBytes()) {
        throw tooLarge("a file", attachment.size(), policy.maxFileBytes(), "per file");
      }
      total += attachment.size();
      refs.add(attachment.ref());
    }
    if (total > policy.maxMessageBytes()) {
      throw tooLarge("the files of one message", total, policy.maxMessageBytes(), "per message");
    }
    return List.copyOf(refs);
  }

  public static SwitchboardException unsupported(String contentType) {
    return new SwitchboardException(ErrorCode.UNSUPPORTED_TYPE,
        "files of type " + contentType + " are not accepted on this site");
  }

  public static SwitchboardException tooLarge(String what, long size, long limit, String per) {
    return new SwitchboardException(ErrorCode.FILE_TOO_LARGE, what + " is " + bytes(size)
        + "; this site accepts at most " + bytes(limit) + " " + per + " (" + limit + " bytes)");
  }

  /** A size for people: bytes, KiB or MiB. */
  public static String bytes(long size) {
    if (size < 1024) {
      return size + " bytes";
    }
    if (size < 1024 * 1024) {
      return String.format(java.util.Locale.ROOT, "%.1f KiB", size / 1024.0);
    }
    return String.format(java.util.Locale.ROOT, "%.1f MiB", size / (1024.0 * 1024.0));
  }
}
