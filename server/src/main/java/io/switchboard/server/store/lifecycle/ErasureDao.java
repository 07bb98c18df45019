package io.switchboard.server.store.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of erasing one person: every row that references their contacts, conversations or
 * tickets (the foreign keys of the schema, and the columns that name them without one: report
 * facts, message and entry authors, attachment uploaders, mail addresses), children first, on
 * the caller's handle so the whole erasure is one transaction.
 *
 * <p>Stateless and thread-safe.
 */
public final class ErasureDao {
  /** What was deleted: rows per table, and the blobs the deleted attachments named. */
  public record Deleted(Map<String, Integer> rows, List<String> blobHashes) {}

  /**
   * Each step: a table and the condition of its rows to delete. {@code :c} are the contact ids,
   * {@code :v} the conversations, {@code :t} the tickets, {@code :ct} the contact ids as text,
   * {@code :e} the email addresses in lower case.
   */
  private static final List<String[]> STEPS = List.of(
      step("csat_complaints", "ticket_id = ANY(:t) OR rated_ticket = ANY(:t)"
          + " OR rated_conversation = ANY(:v)"),
      step("ticket_ratings", "ticket_id = ANY(:t) OR contact_id = ANY(:c)"),
      step("mail_outbox", "ticket_id = ANY(:t)"),
      step("mail_messages", "ticket_id = ANY(:t)"
          + " OR entry_id IN (SELECT id FROM ticket_entries WHERE ticket_id = ANY(:t))"
          + " OR EXISTS (SELECT 1 FROM unnest(CAST(:e AS text[])) AS e(address)"
          + " WHERE strpos(lower(coalesce(sender, '')), e.address) > 0"
          + " OR strpos(lower(coalesce(recipient, '')), e.address) > 0)"),
      step("sla_events", "ticket_id = ANY(:t)"),
      step("sla_clocks", "ticket_id = ANY(:t)"),
      step("ticket_links", "ticket_id = ANY(:t) OR conversation_id = ANY(:v)"),
      step("ticket_events", "ticket_id = ANY(:t)"),
      step("ticket_entries", "ticket_id = ANY(:t)"),
      step("report_ticket_facts", "ticket_id = ANY(:t)"),
      step("report_chat_facts", "conversation_id = ANY(:v) OR contact_id = ANY(:c)"),
      step("campaign_invitations", "contact_id = ANY(:c) OR conversation_id = ANY(:v)"),
      step("ratings", "conversation_id = ANY(:v) OR contact_id = ANY(:c)"),
      step("notes", "conversation_id = ANY(:v)"),
      step("conversation_participants", "conversation_id = ANY(:v)"),
      step("conversation_events", "conversation_id = ANY(:v)"),
      step("messages", "conversation_id = ANY(:v)"),
      step("tickets", "id = ANY(:t)"),
      step("conversations", "id = ANY(:v)"),
      step("contact_notes", "contact_id = ANY(:c)"),
      step("contact_events", "contact_id = ANY(:c)"),
      step("visit_handovers", "contact_id = ANY(:c)"),
      step("contacts", "id = ANY(:c)"));

  private ErasureDao() {}

  private static String[] step(String table, String condition) {
    return new String[] {table, condition};
  }

  /** Deletes every row of the person's data; answers what it deleted. */
  public static Deleted erase(Handle handle, PersonalData person) {
    Map<String, Integer> rows = new LinkedHashMap<>();
    List<String> hashes = new ArrayList<>(bind(handle.createQuery("""
            DELETE FROM attachments WHERE conversation_id = ANY(:v) OR ticket_id = ANY(:t)
               OR (uploader_role = 'visitor' AND uploader_id = ANY(:ct))
            RETURNING sha256"""), person).mapTo(String.class).list());
    rows.put("attachments", hashes.size());
    // Tickets of others merged into one of these: they stay, no longer pointing at it.
    bind(handle.createUpdate("UPDATE tickets SET merged_into = NULL"
        + " WHERE merged_into = ANY(:t) AND NOT id = ANY(:t)"), person).execute();
    bind(handle.createUpdate("UPDATE contacts SET merged_into = NULL, merged_at = NULL"
        + " WHERE merged_into = ANY(:c)"), person).execute();
    for (String[] step : STEPS) {
      rows.put(step[0], bind(handle.createUpdate("DELETE FROM " + step[0] + " WHERE " + step[1]),
          person).execute());
    }
    // The deleted facts' changes name them: gone too, and every report index loads again.
    bind(handle.createUpdate(
        "DELETE FROM report_changes WHERE id = ANY(:v) OR id = ANY(:t) OR id = ANY(:c)"), person)
        .execute();
    handle.execute("INSERT INTO report_changes (kind, id) VALUES ('reload', gen_random_uuid())");
    return new Deleted(rows, hashes.stream().distinct().toList());
  }

  private static <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bind(T statement,
      PersonalData person) {
    return PersonalDataDao.bindPerson(statement, person);
  }
}
