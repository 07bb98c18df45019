package io.switchboard.server.store.exchange;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.server.db.StoreFailures;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Contacts written in bulk by an import: the lookups a batch needs (custom fields, staff by email,
 * companies by name, the contacts a batch's keys already name) and one transaction per batch that
 * creates the missing companies, inserts and updates the contacts with one statement each, and
 * records an {@code imported} contact event per contact written.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class ContactImportDao {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RECORD = """
      r(id uuid, external_id text, name text, email text, phone text, other_emails text[],
        other_phones text[], company_id uuid, company_name text, owner_id uuid, stage text,
        tags text[], attributes jsonb)""";

  private final Jdbi jdbi;

  public ContactImportDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Whether the site exists. */
  public boolean siteExists(String siteId) {
    return StoreFailures.call("site exists", () -> jdbi.withHandle(h -> h.createQuery(
            "SELECT EXISTS (SELECT 1 FROM sites WHERE id = :site)")
        .bind("site", siteId).mapTo(Boolean.class).one()));
  }

  /** The site's custom contact attributes by key. */
  public Map<String, FieldDefinition> fields(String siteId) {
    return StoreFailures.call("contact fields", () -> jdbi.withHandle(h -> h.createQuery(
            "SELECT key, kind, choices FROM contact_fields WHERE site_id = :site")
        .bind("site", siteId)
        .map((rs, ctx) -> new FieldDefinition(rs.getString("key"), rs.getString("kind"),
            texts(rs.getArray("choices"))))
        .list()).stream().collect(java.util.stream.Collectors.toMap(FieldDefinition::key,
            f -> f)));
  }

  /** Enabled staff users by lower-case email, for the given emails. */
  public Map<String, UUID> staffByEmail(Collection<String> emails) {
    return StoreFailures.call("staff by email", () -> jdbi.withHandle(h -> pairs(h.createQuery(
            "SELECT email, id FROM users WHERE email = ANY(:emails) AND NOT disabled")
        .bind("emails", emails.toArray(String[]::new)))));
  }

  /** The site's companies by lower-case name, for the given names. */
  public Map<String, UUID> companies(String siteId, Collection<String> names) {
    return StoreFailures.call("companies by name", () -> jdbi.withHandle(h -> pairs(h.createQuery(
            "SELECT lower(name), id FROM companies WHERE site_id = :site"
                + " AND lower(name) = ANY(:names)")
        .bind("site", siteId)
        .bind("names", names.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT))
            .toArray(String[]::new)))));
  }

  /** The site's live (not merged) contacts with one of these external ids or emails. */
  public List<ContactState> existing(String siteId, Collection<String> externalIds,
      Collection<String> emails) {
    return StoreFailures.call("contacts by key", () -> jdbi.withHandle(h -> h.createQuery("""
            SELECT id, external_id, name, email, phone, other_emails, other_phones, company_id,
                   owner_id, stage, tags, attributes::text AS attributes
            FROM contacts
            WHERE id IN (SELECT id FROM contacts WHERE site_id = :site AND external_id = ANY(:ext)
                         UNION
                         SELECT id FROM contacts WHERE site_id = :site
                           AND lower(email) = ANY(:emails))
              AND merged_into IS NULL
            ORDER BY created_at, id""")
        .bind("site", siteId)
        .bind("ext", externalIds.toArray(String[]::new))
        .bind("emails", emails.toArray(String[]::new))
        .map((rs, ctx) -> state(rs))
        .list()));
  }

  /**
   * Writes one batch in one transaction: companies named by {@code companyName} are created
   * (or found, if someone created them meanwhile), {@code created} contacts inserted with source
   * 'import', {@code updated} ones overwritten, and one {@code imported} event each.
   */
  public void write(String siteId, List<ContactState> created, List<ContactState> updated,
      String actor, UUID jobId, Instant now) {
    if (created.isEmpty() && updated.isEmpty()) {
      return;
    }
    StoreFailures.run("import contacts", () -> jdbi.useTransaction(h -> {
      String[] companies = java.util.stream.Stream.concat(created.stream(), updated.stream())
          .map(ContactState::companyName).filter(java.util.Objects::nonNull).distinct()
          .toArray(String[]::new);
      if (companies.length > 0) {
        h.createUpdate("""
                INSERT INTO companies (id, site_id, name, created_at, updated_at)
                SELECT gen_random_uuid(), :site, n, :now, :now FROM unnest(:names) AS n
                ON CONFLICT (site_id, lower(name)) DO NOTHING""")
            .bind("site", siteId).bind("now", now).bind("names", companies).execute();
      }
      if (!created.isEmpty()) {
        h.createUpdate("""
                INSERT INTO contacts (id, site_id, external_id, name, email, phone, other_emails,
                    other_phones, company_id, owner_id, stage, tags, attributes, source,
                    created_at, updated_at)
                SELECT r.id, :site, r.external_id, r.name, r.email, r.phone, r.other_emails,
                    r.other_phones, coalesce(r.company_id, co.id), r.owner_id, r.stage, r.tags,
                    r.attributes, 'import', :now, :now
                FROM jsonb_to_recordset(:rows::jsonb) AS %s
                LEFT JOIN companies co ON r.company_name IS NOT NULL AND co.site_id = :site
                    AND lower(co.name) = lower(r.company_name)""".formatted(RECORD))
            .bind("site", siteId).bind("now", now).bind("rows", rows(created))
            .execute();
      }
      if (!updated.isEmpty()) {
        h.createUpdate("""
                UPDATE contacts c SET external_id = r.external_id, name = r.name,
                    email = r.email, phone = r.phone, other_emails = r.other_emails,
                    other_phones = r.other_phones, company_id = coalesce(r.company_id, co.id),
                    owner_id = r.owner_id, stage = r.stage, tags = r.tags,
                    attributes = r.attributes, updated_at = :now
                FROM jsonb_to_recordset(:rows::jsonb) AS %s
                LEFT JOIN companies co ON r.company_name IS NOT NULL AND co.site_id = :site
                    AND lower(co.name) = lower(r.company_name)
                WHERE c.id = r.id AND c.site_id = :site""".formatted(RECORD))
            .bind("site", siteId).bind("now", now).bind("rows", rows(updated))
            .execute();
      }
      events(h, created, updated, actor, jobId, now);
    }));
  }

  private static void events(Handle h, List<ContactState> created, List<ContactState> updated,
      String actor, UUID jobId, Instant now) {
    h.createUpdate("""
            INSERT INTO contact_events (contact_id, kind, actor, detail, at)
            SELECT e.id, 'imported', :actor, jsonb_build_object('job', :job, 'outcome', e.o),
                :now
            FROM unnest(:ids, :outcomes) AS e(id, o)""")
        .bind("actor", actor).bind("job", jobId.toString()).bind("now", now)
        .bind("ids", java.util.stream.Stream.concat(created.stream(), updated.stream())
            .map(ContactState::id).toArray(UUID[]::new))
        .bind("outcomes", java.util.stream.Stream.concat(created.stream().map(c -> "created"),
            updated.stream().map(c -> "updated")).toArray(String[]::new))
        .execute();
  }

  private static String rows(List<ContactState> contacts) {
    ArrayNode array = JSON.createArrayNode();
    contacts.forEach(c -> array.add(row(c)));
    return array.toString();
  }

  private static ObjectNode row(ContactState c) {
    ObjectNode row = JSON.createObjectNode();
    row.put("id", c.id().toString());
    row.put("external_id", c.externalId());
    row.put("name", c.name());
    row.put("email", c.email());
    row.put("phone", c.phone());
    row.set("other_emails", JSON.valueToTree(c.otherEmails()));
    row.set("other_phones", JSON.valueToTree(c.otherPhones()));
    row.put("company_id", c.companyId() == null ? null : c.companyId().toString());
    row.put("company_name", c.companyName());
    row.put("owner_id", c.ownerId() == null ? null : c.ownerId().toString());
    row.put("stage", c.stage());
    row.set("tags", JSON.valueToTree(c.tags()));
    row.set("attributes", c.attributes());
    return row;
  }

  private static ContactState state(ResultSet rs) throws SQLException {
    try {
      return new ContactState(rs.getObject("id", UUID.class), rs.getString("external_id"),
          rs.getString("name"), rs.getString("email"), rs.getString("phone"),
          texts(rs.getArray("other_emails")), texts(rs.getArray("other_phones")),
          rs.getObject("company_id", UUID.class), null, rs.getObject("owner_id", UUID.class),
          rs.getString("stage"), texts(rs.getArray("tags")),
          (ObjectNode) JSON.readTree(rs.getString("attributes")));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SQLException("contact attributes are not JSON", e);
    }
  }

  static List<String> texts(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }

  private static Map<String, UUID> pairs(org.jdbi.v3.core.statement.Query query) {
    Map<String, UUID> found = new HashMap<>();
    query.map((rs, ctx) -> Map.entry(rs.getString(1), rs.getObject(2, UUID.class)))
        .forEach(e -> found.put(e.getKey(), e.getValue()));
    return found;
  }
}
