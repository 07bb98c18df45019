package io.switchboard.server.store.site;

import java.util.List;
import java.util.Objects;

/**
 * A website that embeds the chat widget.
 *
 * @param id the site's stable identifier
 * @param name a display name
 * @param siteKey the public key the widget presents
 * @param allowedOrigins the origins the WebSocket handshake accepts for this site
 * @param defaultQueueId the queue a conversation enters when the widget names none; may be null
 * @param identityEnforced only visitors with a verified identity may start, resume or read
 *
 * <p>Immutable and thread-safe.
 */
public record Site(String id, String name, String siteKey, List<String> allowedOrigins,
    String defaultQueueId, boolean identityEnforced) {
  /**
   * The availability probe's own site (and queue, same id), created by the migration: no agent
   * works it, and every list of sites, queues and contacts leaves it out.
   */
  public static final String PROBE_SITE_ID = "switchboard-probe";

  public Site {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(siteKey, "siteKey");
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
  }

  /** A site that does not enforce verified identities. */
  public Site(String id, String name, String siteKey, List<String> allowedOrigins,
      String defaultQueueId) {
    this(id, name, siteKey, allowedOrigins, defaultQueueId, false);
  }
}
