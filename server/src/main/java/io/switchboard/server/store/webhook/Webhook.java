package io.switchboard.server.store.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A site's webhook: the endpoint, the secret that signs every delivery, the event types it
 * subscribes to, and whether it is enabled.
 *
 * <p>Immutable and thread-safe.
 */
public record Webhook(UUID id, String siteId, String url, String secret, List<String> events,
    boolean enabled, String description, Instant createdAt, Instant updatedAt) {
  public Webhook {
    events = List.copyOf(events);
  }
}
