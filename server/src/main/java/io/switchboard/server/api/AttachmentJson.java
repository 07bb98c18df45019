package io.switchboard.server.api;

import io.switchboard.server.store.attachment.AttachmentLinks;
import io.switchboard.server.store.attachment.AttachmentRef;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The JSON of an attachment in REST answers: {@code id, name, size, contentType, image, url,
 * expiresAt}, with a fresh signed link.
 *
 * <p>Stateless and thread-safe.
 */
final class AttachmentJson {
  /** RFC 3339 with milliseconds, as the WebSocket protocol writes {@code expiresAt}. */
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private AttachmentJson() {}

  static Map<String, Object> of(AttachmentRef ref, AttachmentLinks links) {
    AttachmentLinks.Link link = links.link(ref.id());
    return ApiJson.object("id", ref.id().toString(), "name", ref.name(), "size", ref.size(),
        "contentType", ref.contentType(), "image", ref.image(), "url", link.url(),
        "expiresAt", MILLIS.format(link.expiresAt()));
  }

  static List<Map<String, Object>> all(List<AttachmentRef> refs, AttachmentLinks links) {
    return refs.stream().map(ref -> of(ref, links)).toList();
  }
}
