package io.switchboard.server.api;

import io.switchboard.server.store.attachment.AttachmentLinks;
import io.switchboard.server.store.attachment.AttachmentRef;
import java.util.List;
import java.util.Map;

/**
 * The JSON of an attachment in REST answers: {@code id, name, size, contentType, image, url,
 * expiresAt}, with a fresh signed link.
 *
 * <p>Stateless and thread-safe.
 */
final class AttachmentJson {
  private AttachmentJson() {}

  static Map<String, Object> of(AttachmentRef ref, AttachmentLinks links) {
    AttachmentLinks.Link link = links.link(ref.id());
    return ApiJson.object("id", ref.id().toString(), "name", ref.name(), "size", ref.size(),
        "contentType", ref.contentType(), "image", ref.image(), "url", link.url(),
        "expiresAt", link.expiresAt().toString());
  }

  static List<Map<String, Object>> all(List<AttachmentRef> refs, AttachmentLinks links) {
    return refs.stream().map(ref -> of(ref, links)).toList();
  }
}
