package io.switchboard.server.store.contact;

import io.switchboard.server.store.site.Site;
import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Contacts as the CRM reads and writes them: one with its company and owner names, a page of a
 * site's live contacts, new contacts and edits, and where a merged contact's id leads. The writes
 * take the caller's {@link Handle}, so that the history row goes in the same transaction.
 *
 * <p>Thread-safe: every call runs on its own pooled connection or on the caller's handle.
 */
public final class ContactProfileDao {
  static final String SELECT = """
      SELECT c.id, c.site_id, c.name, c.email, c.phone, c.other_emails, c.other_phones,
          c.external_id, c.company_id, co.name AS company_name, c.owner_id,
          u.display_name AS owner_name, c.stage, c.tags, c.attributes::text AS attributes,
          c.source, c.created_at, c.updated_at, c.merged_into
      FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
      LEFT JOIN users u ON u.id = c.owner_id
      """;

  private final Jdbi jdbi;

  public ContactProfileDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public Optional<ContactProfile> find(UUID id) {
    return StoreFailures.call("find contact", () -> jdbi.withHandle(handle -> find(handle, id)));
  }

  public static Optional<ContactProfile> find(Handle handle, UUID id) {
    return handle.createQuery(SELECT + "WHERE c.id = :id").bind("id", id)
        .map((rs, ctx) -> read(rs)).findOne();
  }

  /** Locks the contacts' rows (in id order, so two merges never deadlock) for the transaction. */
  public static void lock(Handle handle, UUID... ids) {
    handle.createQuery("SELECT id FROM contacts WHERE id = ANY(:ids) ORDER BY id FOR UPDATE")
        .bindArray("ids", UUID.class, (Object[]) ids).mapTo(UUID.class).list();
  }

  /** The contacts of the given ids, in no particular order (unknown ids are left out). */
  public List<ContactProfile> findAll(java.util.Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return StoreFailures.call("find contacts", () -> jdbi.withHandle(handle -> handle
        .createQuery(SELECT + "WHERE c.id = ANY(:ids)").bindArray("ids", UUID.class, ids)
        .map((rs, ctx) -> read(rs)).list()));
  }

  /**
   * Where the id leads: the contact itself while it is live, or the end of its chain of merges;
   * empty for an unknown id.
   */
  public Optional<UUID> survivor(UUID id) {
    return StoreFailures.call("resolve contact", () -> jdbi.withHandle(h -> survivor(h, id)));
  }

  public static Optional<UUID> survivor(Handle handle, UUID id) {
    return handle.createQuery("""
            WITH RECURSIVE chain(id, merged_into, depth) AS (
                SELECT id, merged_into, 0 FROM contacts WHERE id = :id
                UNION ALL
                SELECT c.id, c.merged_into, chain.depth + 1 FROM contacts c
                JOIN chain ON c.id = chain.merged_into WHERE chain.depth < 1000)
            SELECT id FROM chain WHERE merged_into IS NULL""")
        .bind("id", id).mapTo(UUID.class).findOne();
  }

  /** A page of live contacts matching the query, newest first. */
  public List<ContactProfile> list(ContactQuery query) {
    List<String> where = new ArrayList<>(List.of("c.merged_into IS NULL",
        "c.site_id <> '" + Site.PROBE_SITE_ID + "'"));
    if (query.sites() != null) {
      where.add("c.site_id = ANY(:sites)");
    }
    if (query.siteId() != null) {
      where.add("c.site_id = :site");
    }
    if (query.text() != null) {
      where.add("(c.name ILIKE :text OR c.email ILIKE :text OR c.phone ILIKE :text"
          + " OR EXISTS (SELECT 1 FROM unnest(c.other_emails || c.other_phones) v"
          + " WHERE v ILIKE :text))");
    }
    if (query.stage() != null) {
      where.add("c.stage = :stage");
    }
    if (query.ownerId() != null) {
      where.add("c.owner_id = :owner");
    }
    if (query.companyId() != null) {
      where.add("c.company_id = :company");
    }
    if (query.tag() != null) {
      where.add(":tag = ANY(c.tags)");
    }
    if (query.afterId() != null) {
      where.add("(c.created_at, c.id) < (:afterAt, :afterId)");
    }
    String sql = SELECT + "WHERE " + String.join(" AND ", where)
        + " ORDER BY c.created_at DESC, c.id DESC LIMIT :limit";
    return StoreFailures.call("list contacts", () -> jdbi.withHandle(handle -> {
      Query statement = handle.createQuery(sql).bind("limit", query.limit());
      if (query.sites() != null) {
        statement.bindArray("sites", String.class, query.sites());
      }
      bindIfSet(statement, "site", query.siteId());
      bindIfSet(statement, "text", query.text() == null ? null
          : "%" + query.text().replaceAll("([\\\\%_])", "\\\\$1") + "%");
      bindIfSet(statement, "stage", query.stage());
      bindIfSet(statement, "owner", query.ownerId());
      bindIfSet(statement, "company", query.companyId());
      bindIfSet(statement, "tag", query.tag());
      if (query.afterId() != null) {
        statement.bind("afterAt", StoreRows.timestamp(query.afterCreatedAt()))
            .bind("afterId", query.afterId());
      }
      return statement.map((rs, ctx) -> read(rs)).list();
    }));
  }

  /** Stores a new contact; {@code NOT_FOUND} when its site, company or owner does not exist. */
  public static void insert(Handle handle, ContactProfile contact) {
    handle.createUpdate("""
            INSERT INTO contacts (id, site_id, name, email, phone, other_emails, other_phones,
                external_id, company_id, owner_id, stage, tags, attributes, source, created_at,
                updated_at)
            VALUES (:id, :site, :name, :email, :phone, :otherEmails, :otherPhones, :externalId,
                :company, :owner, :stage, :tags, CAST(:attributes AS jsonb), :source, :at, :at)""")
        .bind("id", contact.id()).bind("site", contact.siteId())
        .bind("externalId", contact.externalId()).bind("source", contact.source())
        .bind("at", StoreRows.timestamp(contact.createdAt()))
        .bindMap(editableBindings(contact.editable()))
        .bindArray("otherEmails", String.class, contact.otherEmails())
        .bindArray("otherPhones", String.class, contact.otherPhones())
        .bindArray("tags", String.class, contact.tags())
        .execute();
  }

  /** Writes the editable fields of a contact as they are now. */
  public static void update(Handle handle, UUID id, ContactProfile.Editable now, Instant at) {
    handle.createUpdate("""
            UPDATE contacts SET name = :name, email = :email, phone = :phone,
                other_emails = :otherEmails, other_phones = :otherPhones, company_id = :company,
                owner_id = :owner, stage = :stage, tags = :tags,
                attributes = CAST(:attributes AS jsonb), updated_at = :at
            WHERE id = :id""")
        .bind("id", id).bind("at", StoreRows.timestamp(at))
        .bindMap(editableBindings(now))
        .bindArray("otherEmails", String.class, now.otherEmails())
        .bindArray("otherPhones", String.class, now.otherPhones())
        .bindArray("tags", String.class, now.tags())
        .execute();
  }

  /** The sites that own any of the queues. */
  public Set<String> sitesOfQueues(Set<String> queues) {
    if (queues.isEmpty()) {
      return Set.of();
    }
    return StoreFailures.call("sites of queues", () -> jdbi.withHandle(handle -> new HashSet<>(
        handle.createQuery("SELECT DISTINCT site_id FROM queues WHERE id = ANY(:queues)")
            .bindArray("queues", String.class, queues).mapTo(String.class).list())));
  }

  /** The site of a company, empty for an unknown company. */
  public static Optional<String> companySite(Handle handle, UUID companyId) {
    return handle.createQuery("SELECT site_id FROM companies WHERE id = :id")
        .bind("id", companyId).mapTo(String.class).findOne();
  }

  /** Whether the user exists and may sign in (an owner must). */
  public static boolean activeUser(Handle handle, UUID userId) {
    return handle.createQuery("SELECT count(*) FROM users WHERE id = :id AND NOT disabled")
        .bind("id", userId).mapTo(Integer.class).one() == 1;
  }

  private static java.util.Map<String, Object> editableBindings(ContactProfile.Editable e) {
    java.util.Map<String, Object> values = new java.util.HashMap<>();
    values.put("name", e.name());
    values.put("email", e.email());
    values.put("phone", e.phone());
    values.put("company", e.companyId());
    values.put("owner", e.ownerId());
    values.put("stage", e.stage());
    values.put("attributes", e.attributes());
    return values;
  }

  private static void bindIfSet(Query statement, String name, Object value) {
    if (value != null) {
      statement.bind(name, value);
    }
  }

  static ContactProfile read(ResultSet rs) throws SQLException {
    return new ContactProfile(StoreRows.uuid(rs, "id"), rs.getString("site_id"),
        rs.getString("name"), rs.getString("email"), rs.getString("phone"),
        StoreRows.textArray(rs, "other_emails"), StoreRows.textArray(rs, "other_phones"),
        rs.getString("external_id"), StoreRows.uuid(rs, "company_id"),
        rs.getString("company_name"), StoreRows.uuid(rs, "owner_id"), rs.getString("owner_name"),
        rs.getString("stage"), StoreRows.textArray(rs, "tags"), rs.getString("attributes"),
        rs.getString("source"), StoreRows.instant(rs, "created_at"),
        StoreRows.instant(rs, "updated_at"), StoreRows.uuid(rs, "merged_into"));
  }
}
