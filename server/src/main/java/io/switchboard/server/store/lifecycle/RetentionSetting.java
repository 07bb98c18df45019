package io.switchboard.server.store.lifecycle;

import java.time.Instant;

/**
 * A site's retention: whether it is on, after how many days closed conversations and solved or
 * closed tickets go, and whether they are deleted or anonymised (kept for reports, with their
 * texts, names, addresses and files removed). Off unless an admin turns it on.
 *
 * <p>Immutable and thread-safe.
 *
 * @param siteId the site
 * @param enabled whether the job works on the site
 * @param days the age (since closing or solving) after which items go, 1 to 36500
 * @param mode {@code delete} or {@code anonymise}
 * @param updatedAt when it last changed (null: never set)
 */
public record RetentionSetting(String siteId, boolean enabled, int days, String mode,
    Instant updatedAt) {
  /** Deleting rows. */
  public static final String DELETE = "delete";
  /** Keeping rows for reports, their personal content removed. */
  public static final String ANONYMISE = "anonymise";
  /** The setting of a site nobody configured: off, one year, delete. */
  public static RetentionSetting off(String siteId) {
    return new RetentionSetting(siteId, false, 365, DELETE, null);
  }
}
