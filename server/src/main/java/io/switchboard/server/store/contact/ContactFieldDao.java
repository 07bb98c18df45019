package io.switchboard.server.store.contact;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The custom fields of each site's contacts, in their order. A site's list is replaced as a
 * whole; values stored under a removed key stay in the contacts and are hidden.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class ContactFieldDao {
  private final Jdbi jdbi;

  public ContactFieldDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<ContactField> list(String siteId) {
    return StoreFailures.call("contact fields", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT key, label_en, label_zh, kind, choices FROM contact_fields
            WHERE site_id = :site ORDER BY position, key""")
        .bind("site", siteId)
        .map((rs, ctx) -> new ContactField(rs.getString("key"), rs.getString("label_en"),
            rs.getString("label_zh"), rs.getString("kind"), StoreRows.textArray(rs, "choices")))
        .list()));
  }

  /** Replaces the site's fields with {@code fields}, in that order, in one transaction. */
  public void replace(String siteId, List<ContactField> fields) {
    StoreFailures.run("replace contact fields", () -> jdbi.useTransaction(handle -> {
      handle.createUpdate("DELETE FROM contact_fields WHERE site_id = :site")
          .bind("site", siteId).execute();
      int position = 0;
      for (ContactField field : fields) {
        handle.createUpdate("""
                INSERT INTO contact_fields (site_id, key, label_en, label_zh, kind, choices,
                    position)
                VALUES (:site, :key, :labelEn, :labelZh, :kind, :choices, :position)""")
            .bind("site", siteId).bind("key", field.key()).bind("labelEn", field.labelEn())
            .bind("labelZh", field.labelZh()).bind("kind", field.kind())
            .bindArray("choices", String.class, field.choices()).bind("position", position++)
            .execute();
      }
    }));
  }
}
