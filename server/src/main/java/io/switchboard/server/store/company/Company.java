package io.switchboard.server.store.company;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A company of a site that groups contacts; {@code domain} is its mail domain (may be null).
 *
 * <p>Immutable and thread-safe.
 */
public record Company(UUID id, String siteId, String name, String domain, Instant createdAt,
    Instant updatedAt) {
  public Company {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(siteId, "siteId");
  }
}
