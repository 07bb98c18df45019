package io.switchboard.server.store.contact;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A page of a site's live contacts, newest first: the filters of the contact list and the keyset
 * cursor (the creation time and id of the last contact of the previous page). Null filters match
 * everything; {@code sites} null means every site (an admin), otherwise only those sites.
 *
 * <p>Immutable and thread-safe.
 */
public record ContactQuery(Set<String> sites, String siteId, String text, String stage,
    UUID ownerId, UUID companyId, String tag, Instant afterCreatedAt, UUID afterId, int limit) {
  public ContactQuery {
    sites = sites == null ? null : Set.copyOf(sites);
  }
}
