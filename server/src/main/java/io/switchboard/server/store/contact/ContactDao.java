package io.switchboard.server.store.contact;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Visitors (contacts) of the sites.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class ContactDao {
  private final Jdbi jdbi;

  public ContactDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores a new contact; {@code NOT_FOUND} when the site does not exist. */
  public void create(Contact contact) {
    StoreFailures.run("create contact", () -> jdbi.useHandle(handle -> handle.createUpdate("""
            INSERT INTO contacts (id, site_id, name, email, phone)
            VALUES (:id, :siteId, :name, :email, :phone)""")
        .bind("id", contact.id())
        .bind("siteId", contact.siteId())
        .bind("name", contact.name())
        .bind("email", contact.email())
        .bind("phone", contact.phone())
        .execute()));
  }

  /**
   * The site's contact verified as {@code externalId} (the host site's user id), created when
   * there is none; its name and email become the verified ones when given. Safe against two
   * first visits at once: the unique index on (site, external id) decides. When that contact
   * was merged into another, the answer is the survivor at the end of the merge chain.
   */
  public UUID verified(String siteId, String externalId, String name, String email) {
    return StoreFailures.call("verified contact", () -> jdbi.withHandle(handle -> {
      UUID id = handle.createQuery("""
            INSERT INTO contacts (id, site_id, external_id, name, email)
            VALUES (:id, :siteId, :externalId, :name, :email)
            ON CONFLICT (site_id, external_id) WHERE external_id IS NOT NULL
            DO UPDATE SET name = coalesce(EXCLUDED.name, contacts.name),
                email = coalesce(EXCLUDED.email, contacts.email)
            RETURNING id""")
        .bind("id", UUID.randomUUID())
        .bind("siteId", siteId)
        .bind("externalId", externalId)
        .bind("name", name)
        .bind("email", email)
        .mapTo(UUID.class)
        .one();
      return ContactProfileDao.survivor(handle, id).orElse(id);
    }));
  }

  public Optional<Contact> find(UUID id) {
    return StoreFailures.call("find contact", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT id, site_id, name, email, phone FROM contacts WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> new Contact(
            StoreRows.uuid(rs, "id"),
            rs.getString("site_id"),
            rs.getString("name"),
            rs.getString("email"),
            rs.getString("phone")))
        .findOne()));
  }

  /** Updates the given (non-null) profile fields; returns false for an unknown contact. */
  public boolean updateProfile(UUID id, String name, String email, String phone) {
    return StoreFailures.call("update contact", () -> jdbi.withHandle(handle -> handle.createUpdate("""
            UPDATE contacts SET name = coalesce(:name, name), email = coalesce(:email, email),
                phone = coalesce(:phone, phone)
            WHERE id = :id""")
        .bind("id", id)
        .bind("name", name)
        .bind("email", email)
        .bind("phone", phone)
        .execute()) == 1);
  }

  public void updateContext(UUID id, ContactContext context) {
    StoreFailures.run("update contact context", () -> jdbi.useHandle(handle -> handle.createUpdate("""
            UPDATE contacts SET page_url = :url, page_title = :title, user_agent = :userAgent,
                language = :language, time_zone = :timeZone, context_at = :at
            WHERE id = :id""")
        .bind("id", id)
        .bind("url", context.url())
        .bind("title", context.title())
        .bind("userAgent", context.userAgent())
        .bind("language", context.language())
        .bind("timeZone", context.timeZone())
        .bind("at", java.time.OffsetDateTime.ofInstant(context.at(), java.time.ZoneOffset.UTC))
        .execute()));
  }

  public Optional<ContactContext> context(UUID id) {
    return StoreFailures.call("find contact context", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT page_url, page_title, user_agent, language, time_zone, context_at
            FROM contacts WHERE id = :id AND context_at IS NOT NULL""")
        .bind("id", id)
        .map((rs, ctx) -> new ContactContext(rs.getString("page_url"), rs.getString("page_title"),
            rs.getString("user_agent"), rs.getString("language"), rs.getString("time_zone"),
            StoreRows.instant(rs, "context_at")))
        .findOne()));
  }

  /** The contact's tags (such as {@code vip}), for SLA policies; empty for an unknown contact. */
  public java.util.List<String> tags(UUID id) {
    return StoreFailures.call("read contact tags", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT tags FROM contacts WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> io.switchboard.server.db.StoreRows.textArray(rs, "tags")).findOne()
        .orElse(java.util.List.of())));
  }
}
