package io.switchboard.server.store.attachment;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * What a message or a ticket entry says about one of its attachments: enough to show a card or a
 * thumbnail and to ask for a link. Stored with a message as it was when the message was sent.
 *
 * <p>Immutable and thread-safe.
 *
 * @param contentType detected from the content when it was uploaded
 */
public record AttachmentRef(UUID id, String name, long size, String contentType) {
  /** Raster images a browser may show inline; every other type is only ever downloaded. */
  public static final Set<String> INLINE_IMAGES =
      Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

  /** Whether the file is a raster image that may be shown inline (a thumbnail). */
  public boolean image() {
    return isInlineImage(contentType);
  }

  public static boolean isInlineImage(String contentType) {
    return contentType != null && INLINE_IMAGES.contains(contentType.toLowerCase(Locale.ROOT));
  }
}
