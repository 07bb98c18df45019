package io.switchboard.server.store;

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
}
