package io.switchboard.server.store.lifecycle;

import io.switchboard.server.db.StoreFailures;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads one person's rows for a GDPR export, each row as the JSON text PostgreSQL makes of it
 * (every column, by its name), so the export holds what is stored and nothing is forgotten when
 * a column is added. Raw mail bytes are left out (the mail's text is in its ticket entry).
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class PersonalDataExportDao {
  /** The rows of one table that belong to the person. */
  public record Rows(String table, List<String> json) {}

  /** Each exported table with the condition of its rows (names as in {@link ErasureDao}). */
  private static final List<String[]> TABLES = List.of(
      table("contacts", "id = ANY(:c)"),
      table("companies", "id IN (SELECT company_id FROM contacts WHERE id = ANY(:c))"),
      table("contact_notes", "contact_id = ANY(:c)"),
      table("contact_events", "contact_id = ANY(:c)"),
      table("conversations", "id = ANY(:v)"),
      table("messages", "conversation_id = ANY(:v)"),
      table("conversation_events", "conversation_id = ANY(:v)"),
      table("conversation_participants", "conversation_id = ANY(:v)"),
      table("notes", "conversation_id = ANY(:v)"),
      table("ratings", "conversation_id = ANY(:v) OR contact_id = ANY(:c)"),
      table("tickets", "id = ANY(:t)"),
      table("ticket_entries", "ticket_id = ANY(:t)"),
      table("ticket_events", "ticket_id = ANY(:t)"),
      table("ticket_links", "ticket_id = ANY(:t) OR conversation_id = ANY(:v)"),
      table("ticket_ratings", "ticket_id = ANY(:t) OR contact_id = ANY(:c)"),
      table("sla_clocks", "ticket_id = ANY(:t)"),
      table("sla_events", "ticket_id = ANY(:t)"),
      table("campaign_invitations", "contact_id = ANY(:c) OR conversation_id = ANY(:v)"),
      table("mail_messages", "ticket_id = ANY(:t)"
          + " OR EXISTS (SELECT 1 FROM unnest(CAST(:e AS text[])) AS e(address)"
          + " WHERE strpos(lower(coalesce(sender, '')), e.address) > 0"
          + " OR strpos(lower(coalesce(recipient, '')), e.address) > 0)"),
      table("attachments", "conversation_id = ANY(:v) OR ticket_id = ANY(:t)"
          + " OR (uploader_role = 'visitor' AND uploader_id = ANY(:ct))"));

  private final Jdbi jdbi;

  public PersonalDataExportDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  private static String[] table(String name, String condition) {
    return new String[] {name, condition};
  }

  /** Every exported table's rows of the person, in the order above (tables without rows too). */
  public List<Rows> rows(PersonalData person) {
    return StoreFailures.call("read personal data", () -> jdbi.withHandle(handle ->
        TABLES.stream().map(t -> new Rows(t[0], rows(handle, t[0], t[1], person))).toList()));
  }

  private static List<String> rows(Handle handle, String table, String condition,
      PersonalData person) {
    var query = handle.createQuery("SELECT (to_jsonb(r) - 'raw' - 'search_text')::text FROM "
        + table + " r WHERE " + condition);
    return PersonalDataDao.bindPerson(query, person).mapTo(String.class).list();
  }
}
