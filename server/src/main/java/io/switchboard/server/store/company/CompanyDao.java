package io.switchboard.server.store.company;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Companies: create, read, rename, pages by name, and the open work of their contacts.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class CompanyDao {
  /** A company's contact with how many open conversations and tickets they have. */
  public record ContactWork(UUID contactId, int openConversations, int openTickets) {}

  /** An open ticket of one of a company's contacts. */
  public record OpenTicket(UUID id, UUID contactId, long number, String subject, String status) {}

  private final Jdbi jdbi;

  public CompanyDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores a new company; {@code CONFLICT} when the site has one of that name. */
  public void create(Company company) {
    StoreFailures.run("create company", () -> jdbi.useHandle(handle -> handle.createUpdate("""
            INSERT INTO companies (id, site_id, name, domain, created_at, updated_at)
            VALUES (:id, :site, :name, :domain, :at, :at)""")
        .bind("id", company.id()).bind("site", company.siteId()).bind("name", company.name())
        .bind("domain", company.domain()).bind("at", StoreRows.timestamp(company.createdAt()))
        .execute()));
  }

  public Optional<Company> find(UUID id) {
    return StoreFailures.call("find company", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT * FROM companies WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> read(rs)).findOne()));
  }

  /** Renames it or changes its domain (null: keep); false for an unknown company. */
  public boolean update(UUID id, String name, String domain, boolean clearDomain, Instant at) {
    return StoreFailures.call("update company", () -> jdbi.withHandle(handle -> handle
        .createUpdate("""
            UPDATE companies SET name = coalesce(:name, name),
                domain = CASE WHEN :clear THEN NULL ELSE coalesce(:domain, domain) END,
                updated_at = :at
            WHERE id = :id""")
        .bind("id", id).bind("name", name).bind("domain", domain).bind("clear", clearDomain)
        .bind("at", StoreRows.timestamp(at)).execute() == 1));
  }

  /**
   * A page of companies by name (case-insensitive), after {@code after} (the previous page's
   * last company as {@code lower(name)|id}); {@code sites} null means every site.
   */
  public List<Company> list(Set<String> sites, String siteId, String text, String after,
      int limit) {
    List<String> where = new ArrayList<>(List.of("TRUE"));
    if (sites != null) {
      where.add("site_id = ANY(:sites)");
    }
    if (siteId != null) {
      where.add("site_id = :site");
    }
    if (text != null) {
      where.add("(name ILIKE :text OR domain ILIKE :text)");
    }
    if (after != null) {
      where.add("(lower(name), id) > (:afterName, CAST(:afterId AS uuid))");
    }
    String sql = "SELECT * FROM companies WHERE " + String.join(" AND ", where)
        + " ORDER BY lower(name), id LIMIT :limit";
    return StoreFailures.call("list companies", () -> jdbi.withHandle(handle -> {
      Query query = handle.createQuery(sql).bind("limit", limit);
      if (sites != null) {
        query.bindArray("sites", String.class, sites);
      }
      if (siteId != null) {
        query.bind("site", siteId);
      }
      if (text != null) {
        query.bind("text", "%" + text.replaceAll("([\\\\%_])", "\\\\$1") + "%");
      }
      if (after != null) {
        int cut = after.lastIndexOf('|');
        query.bind("afterName", after.substring(0, Math.max(cut, 0)))
            .bind("afterId", after.substring(cut + 1));
      }
      return query.map((rs, ctx) -> read(rs)).list();
    }));
  }

  /** The company's live contacts (at most 500) with their open conversations and tickets. */
  public List<ContactWork> contactWork(UUID companyId) {
    return StoreFailures.call("company contacts", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT c.id,
                (SELECT count(*) FROM conversations v
                 WHERE v.contact_id = c.id AND v.status <> 'closed') AS conversations,
                (SELECT count(*) FROM tickets t
                 WHERE t.contact_id = c.id AND t.status NOT IN ('solved', 'closed')) AS tickets
            FROM contacts c WHERE c.company_id = :company AND c.merged_into IS NULL
            ORDER BY c.created_at DESC, c.id DESC LIMIT 500""")
        .bind("company", companyId)
        .map((rs, ctx) -> new ContactWork(StoreRows.uuid(rs, "id"), rs.getInt("conversations"),
            rs.getInt("tickets")))
        .list()));
  }

  /** The open tickets of the company's live contacts, newest first (at most 200). */
  public List<OpenTicket> openTickets(UUID companyId) {
    return StoreFailures.call("company tickets", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT t.id, t.contact_id, t.number, t.subject, t.status
            FROM tickets t JOIN contacts c ON c.id = t.contact_id
            WHERE c.company_id = :company AND c.merged_into IS NULL
                AND t.status NOT IN ('solved', 'closed')
            ORDER BY t.created_at DESC LIMIT 200""")
        .bind("company", companyId)
        .map((rs, ctx) -> new OpenTicket(StoreRows.uuid(rs, "id"),
            StoreRows.uuid(rs, "contact_id"), rs.getLong("number"), rs.getString("subject"),
            rs.getString("status")))
        .list()));
  }

  private static Company read(ResultSet rs) throws SQLException {
    return new Company(StoreRows.uuid(rs, "id"), rs.getString("site_id"), rs.getString("name"),
        rs.getString("domain"), StoreRows.instant(rs, "created_at"),
        StoreRows.instant(rs, "updated_at"));
  }
}
