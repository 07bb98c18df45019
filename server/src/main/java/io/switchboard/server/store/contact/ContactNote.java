package io.switchboard.server.store.contact;

import java.time.Instant;
import java.util.UUID;

/**
 * A staff note on a contact, with its author's name.
 *
 * <p>Immutable and thread-safe.
 */
public record ContactNote(long id, UUID contactId, UUID authorId, String authorName, String body,
    Instant createdAt) {
  @Override
  public String toString() {
    return "ContactNote[id=" + id + ", contactId=" + contactId + "]";
  }
}
