package io.switchboard.server.store.contact;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A contact's own history (the append-only {@code contact_events}) and its staff notes. Writes
 * take the caller's {@link Handle}, so that they commit with the change they record.
 *
 * <p>Thread-safe: every call runs on its own pooled connection or on the caller's handle.
 */
public final class ContactHistoryDao {
  private final Jdbi jdbi;

  public ContactHistoryDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Appends an event; {@code detail} is the JSON text of an object. */
  public static void append(Handle handle, UUID contactId, String kind, String actor,
      String detail, Instant at) {
    handle.createUpdate("""
            INSERT INTO contact_events (contact_id, kind, actor, detail, at)
            VALUES (:contact, :kind, :actor, CAST(:detail AS jsonb), :at)""")
        .bind("contact", contactId).bind("kind", kind).bind("actor", actor)
        .bind("detail", detail).bind("at", StoreRows.timestamp(at)).execute();
  }

  /** Adds a note and answers it with its author's name. */
  public static ContactNote addNote(Handle handle, UUID contactId, UUID authorId, String body,
      Instant at) {
    return handle.createQuery("""
            WITH note AS (
                INSERT INTO contact_notes (contact_id, author_id, body, created_at)
                VALUES (:contact, :author, :body, :at)
                RETURNING id, contact_id, author_id, body, created_at)
            SELECT note.*, u.display_name FROM note JOIN users u ON u.id = note.author_id""")
        .bind("contact", contactId).bind("author", authorId).bind("body", body)
        .bind("at", StoreRows.timestamp(at))
        .map((rs, ctx) -> note(rs)).one();
  }

  /** The contact's notes, newest first. */
  public List<ContactNote> notes(UUID contactId, int limit) {
    return StoreFailures.call("contact notes", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT n.id, n.contact_id, n.author_id, n.body, n.created_at, u.display_name
            FROM contact_notes n JOIN users u ON u.id = n.author_id
            WHERE n.contact_id = :contact ORDER BY n.id DESC LIMIT :limit""")
        .bind("contact", contactId).bind("limit", limit)
        .map((rs, ctx) -> note(rs)).list()));
  }

  /** The kinds of the contact's events, oldest first (for checks of what was recorded). */
  public List<String> eventKinds(UUID contactId) {
    return StoreFailures.call("contact events", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT kind FROM contact_events WHERE contact_id = :contact ORDER BY at, id")
        .bind("contact", contactId).mapTo(String.class).list()));
  }

  private static ContactNote note(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new ContactNote(rs.getLong("id"), StoreRows.uuid(rs, "contact_id"),
        StoreRows.uuid(rs, "author_id"), rs.getString("display_name"), rs.getString("body"),
        StoreRows.instant(rs, "created_at"));
  }
}
