package io.switchboard.server.store.attachment;

import java.util.List;
import java.util.Locale;

/**
 * What one site accepts as attachments: the largest file, the most bytes on one message or
 * ticket entry, and the allowed content types ({@code image/png}, or {@code image/*} for a whole
 * family).
 *
 * <p>Immutable and thread-safe.
 */
public record AttachmentPolicy(long maxFileBytes, long maxMessageBytes, List<String> allowedTypes) {
  /** 10 MiB per file. */
  public static final long DEFAULT_FILE_BYTES = 10L * 1024 * 1024;
  /** 25 MiB per message. */
  public static final long DEFAULT_MESSAGE_BYTES = 25L * 1024 * 1024;
  /** Images, PDF, plain text, office documents, zip archives and audio. */
  public static final List<String> DEFAULT_TYPES = List.of("image/png", "image/jpeg",
      "image/gif", "image/webp", "application/pdf", "text/plain", "text/csv",
      "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      "application/vnd.oasis.opendocument.text",
      "application/vnd.oasis.opendocument.spreadsheet",
      "application/vnd.oasis.opendocument.presentation", "application/x-tika-ooxml",
      "application/x-tika-msoffice", "application/zip", "audio/*");
  /** The defaults of a site nobody configured. */
  public static final AttachmentPolicy DEFAULTS =
      new AttachmentPolicy(DEFAULT_FILE_BYTES, DEFAULT_MESSAGE_BYTES, DEFAULT_TYPES);

  public AttachmentPolicy {
    allowedTypes = List.copyOf(allowedTypes);
  }

  /** Whether the detected {@code contentType} is on the allow-list. */
  public boolean allows(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    for (String allowed : allowedTypes) {
      String rule = allowed.toLowerCase(Locale.ROOT);
      if (rule.equals(type)
          || rule.endsWith("/*") && type.startsWith(rule.substring(0, rule.length() - 1))) {
        return true;
      }
    }
    return false;
  }
}
