package io.switchboard.server.campaign;

import java.time.Instant;

/**
 * A visitor on a site now, as their widget last reported: the page, their language, how many
 * visits this browser made, since when they are on the site and when they last reported in.
 *
 * <p>Immutable and thread-safe.
 */
public record LiveVisitor(String contactId, String siteId, String url, String title,
    String language, int visits, Instant since, Instant lastSeen) {
  /** An earlier visit was counted. */
  public boolean returning() {
    return visits > 1;
  }
}
