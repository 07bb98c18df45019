package io.switchboard.server.store.lifecycle;

import io.switchboard.server.db.StoreFailures;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * Finds one person's data: follows a merged contact id to its survivor, gathers every contact
 * merged into that survivor, and their conversations, tickets, addresses, numbers and names.
 *
 * <p>Thread-safe: every call runs on its own pooled connection or on the caller's handle.
 */
public final class PersonalDataDao {
  private final Jdbi jdbi;

  public PersonalDataDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The person's data, or empty when no contact has this id. */
  public Optional<PersonalData> find(UUID id) {
    return StoreFailures.call("find personal data",
        () -> jdbi.withHandle(handle -> find(handle, id)));
  }

  /** The same, on the caller's handle (inside an erasure's transaction). */
  public static Optional<PersonalData> find(Handle handle, UUID id) {
    Optional<UUID> survivor = handle.createQuery("""
            WITH RECURSIVE chain(id, merged_into, depth) AS (
              SELECT id, merged_into, 0 FROM contacts WHERE id = :id
              UNION ALL
              SELECT c.id, c.merged_into, chain.depth + 1 FROM contacts c
              JOIN chain ON c.id = chain.merged_into WHERE chain.depth < 100)
            SELECT id FROM chain ORDER BY depth DESC LIMIT 1""")
        .bind("id", id).mapTo(UUID.class).findOne();
    if (survivor.isEmpty()) {
      return Optional.empty();
    }
    List<Map<String, Object>> contacts = handle.createQuery("""
            WITH RECURSIVE tree(id, depth) AS (
              SELECT CAST(:id AS uuid), 0
              UNION ALL
              SELECT c.id, tree.depth + 1 FROM contacts c
              JOIN tree ON c.merged_into = tree.id WHERE tree.depth < 100)
            SELECT c.id, c.site_id, c.name, c.email, c.phone, c.other_emails, c.other_phones
            FROM contacts c JOIN tree ON c.id = tree.id ORDER BY tree.depth, c.id""")
        .bind("id", survivor.get()).mapToMap().list();
    List<UUID> contactIds = new ArrayList<>();
    Set<String> sites = new LinkedHashSet<>();
    Set<String> emails = new LinkedHashSet<>();
    Set<String> phones = new LinkedHashSet<>();
    Set<String> names = new LinkedHashSet<>();
    for (Map<String, Object> row : contacts) {
      contactIds.add((UUID) row.get("id"));
      sites.add((String) row.get("site_id"));
      addIfSet(emails, row.get("email"));
      addIfSet(phones, row.get("phone"));
      addIfSet(names, row.get("name"));
      addAll(emails, row.get("other_emails"));
      addAll(phones, row.get("other_phones"));
    }
    List<UUID> conversations = handle.createQuery(
            "SELECT id FROM conversations WHERE contact_id = ANY(:ids) ORDER BY created_at, id")
        .bindArray("ids", UUID.class, contactIds.toArray()).mapTo(UUID.class).list();
    List<UUID> tickets = handle.createQuery(
            "SELECT id FROM tickets WHERE contact_id = ANY(:ids) ORDER BY created_at, id")
        .bindArray("ids", UUID.class, contactIds.toArray()).mapTo(UUID.class).list();
    handle.createQuery("""
            SELECT requester_name FROM tickets WHERE id = ANY(:ids) AND requester_name IS NOT NULL
            UNION SELECT requester_email FROM tickets
            WHERE id = ANY(:ids) AND requester_email IS NOT NULL""")
        .bindArray("ids", UUID.class, tickets.toArray()).mapTo(String.class)
        .forEach(text -> (text.contains("@") ? emails : names).add(text));
    return Optional.of(new PersonalData(survivor.get(), contactIds, sites, conversations,
        tickets, emails, phones, names));
  }

  private static void addIfSet(Set<String> into, Object value) {
    if (value instanceof String text && !text.isBlank()) {
      into.add(text);
    }
  }

  private static void addAll(Set<String> into, Object array) {
    if (array instanceof java.sql.Array sql) {
      try {
        for (Object value : (Object[]) sql.getArray()) {
          addIfSet(into, value);
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("cannot read a text array", e);
      }
    } else if (array instanceof Object[] values) {
      for (Object value : values) {
        addIfSet(into, value);
      }
    }
  }

  /**
   * Binds the person's ids and addresses under the names the lifecycle SQL uses: {@code :c}
   * contact ids, {@code :v} conversations, {@code :t} tickets, {@code :ct} contact ids as text,
   * {@code :e} email addresses in lower case (a statement may use any of them).
   */
  static <T extends SqlStatement<T>> T bindPerson(T statement, PersonalData person) {
    statement.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
    return statement
        .bindArray("c", UUID.class, person.contactIds().toArray())
        .bindArray("v", UUID.class, person.conversationIds().toArray())
        .bindArray("t", UUID.class, person.ticketIds().toArray())
        .bindArray("ct", String.class, person.contactIds().stream().map(UUID::toString).toArray())
        .bindArray("e", String.class, person.emails().stream()
            .map(email -> email.toLowerCase(java.util.Locale.ROOT)).toArray());
  }
}
