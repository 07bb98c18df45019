package io.switchboard.server.store.attachment;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import org.jdbi.v3.core.Jdbi;

/**
 * Each site's attachment policy ({@code site_attachment_policies}); a site without a row has
 * {@link AttachmentPolicy#DEFAULTS}.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class AttachmentPolicyDao {
  private final Jdbi jdbi;

  public AttachmentPolicyDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The site's policy, or the defaults. */
  public AttachmentPolicy policy(String siteId) {
    return StoreFailures.call("find attachment policy", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT max_file_bytes, max_message_bytes, allowed_types"
            + " FROM site_attachment_policies WHERE site_id = :site")
        .bind("site", siteId)
        .map((rs, ctx) -> new AttachmentPolicy(rs.getLong("max_file_bytes"),
            rs.getLong("max_message_bytes"), StoreRows.textArray(rs, "allowed_types")))
        .findOne().orElse(AttachmentPolicy.DEFAULTS)));
  }

  /** Replaces the site's policy. */
  public void save(String siteId, AttachmentPolicy policy) {
    StoreFailures.run("save attachment policy", () -> jdbi.useHandle(handle -> handle
        .createUpdate("""
            INSERT INTO site_attachment_policies (site_id, max_file_bytes, max_message_bytes,
                allowed_types, updated_at)
            VALUES (:site, :file, :message, :types, now())
            ON CONFLICT (site_id) DO UPDATE SET max_file_bytes = excluded.max_file_bytes,
                max_message_bytes = excluded.max_message_bytes,
                allowed_types = excluded.allowed_types, updated_at = now()""")
        .bind("site", siteId).bind("file", policy.maxFileBytes())
        .bind("message", policy.maxMessageBytes())
        .bindArray("types", String.class, policy.allowedTypes().toArray())
        .execute()));
  }
}
