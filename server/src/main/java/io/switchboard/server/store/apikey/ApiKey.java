package io.switchboard.server.store.apikey;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One API key as stored: never its secret, only the first characters shown to tell keys apart.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the key's id
 * @param name what the admin called it
 * @param shownPrefix the secret's first characters, such as {@code sbk_Ab12}
 * @param access {@code read} and/or {@code write}
 * @param resources the resources it may reach, such as {@code tickets}
 * @param createdBy the admin who created it
 * @param createdAt when it was created
 * @param revokedAt when it was revoked, or null while it works
 * @param lastUsedAt its last recorded use (about a minute exact), or null when never used
 */
public record ApiKey(UUID id, String name, String shownPrefix, Set<String> access,
    Set<String> resources, UUID createdBy, Instant createdAt, Instant revokedAt,
    Instant lastUsedAt) {
  public ApiKey {
    Objects.requireNonNull(id, "id");
    access = Set.copyOf(access);
    resources = Set.copyOf(resources);
  }

  public boolean revoked() {
    return revokedAt != null;
  }
}
