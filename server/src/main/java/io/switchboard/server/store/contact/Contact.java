package io.switchboard.server.store.contact;

import java.util.Objects;
import java.util.UUID;

/**
 * A visitor of a site, known or anonymous. Name, email and phone may be null.
 *
 * <p>Immutable and thread-safe. {@link #toString()} leaves the personal data out.
 */
public record Contact(UUID id, String siteId, String name, String email, String phone) {
  public Contact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(siteId, "siteId");
  }

  @Override
  public String toString() {
    return "Contact[id=" + id + ", siteId=" + siteId + "]";
  }
}
