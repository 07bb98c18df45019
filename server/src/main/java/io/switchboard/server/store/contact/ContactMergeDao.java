package io.switchboard.server.store.contact;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The SQL of merging contacts, each step on the caller's {@link Handle} so that the whole merge
 * is one transaction; and the duplicate suggestions: pairs of a site's live contacts that share
 * an email (primary or other, any case), a phone (digits and {@code +} compared) or an external
 * id.
 *
 * <p>Thread-safe: every call runs on its own pooled connection or on the caller's handle.
 */
public final class ContactMergeDao {
  /** The tables whose {@code contact_id} a merge moves to the survivor, in the order moved. */
  private static final List<String> OWNED = List.of("conversations", "tickets", "ratings",
      "contact_notes", "contact_events");

  /** A suggested pair; {@code a} sorts before {@code b}. */
  public record DuplicatePair(UUID a, UUID b, String reason, String value) {}

  private final Jdbi jdbi;

  public ContactMergeDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** How many of the two contacts have an open conversation. */
  public static int withOpenConversation(Handle handle, UUID a, UUID b) {
    return handle.createQuery("""
            SELECT count(DISTINCT contact_id) FROM conversations
            WHERE contact_id IN (:a, :b) AND status <> 'closed'""")
        .bind("a", a).bind("b", b).mapTo(Integer.class).one();
  }

  /**
   * Moves everything of {@code from} to {@code to}: conversations, tickets, ratings, notes,
   * history and the files the visitor uploaded. Answers the rows moved per table.
   */
  public static Map<String, Integer> moveOwned(Handle handle, UUID from, UUID to) {
    Map<String, Integer> moved = new LinkedHashMap<>();
    for (String table : OWNED) {
      moved.put(table, handle.createUpdate(
              "UPDATE " + table + " SET contact_id = :to WHERE contact_id = :from")
          .bind("from", from).bind("to", to).execute());
    }
    moved.put("attachments", handle.createUpdate("""
            UPDATE attachments SET uploader_id = :to
            WHERE uploader_role = 'visitor' AND uploader_id = :from""")
        .bind("from", from.toString()).bind("to", to.toString()).execute());
    return moved;
  }

  /** Gives the survivor the merged contact's external id (the survivor has none). */
  public static void moveExternalId(Handle handle, UUID from, UUID to) {
    String externalId = handle.createQuery("SELECT external_id FROM contacts WHERE id = :id")
        .bind("id", from).mapTo(String.class).one();
    handle.createUpdate("UPDATE contacts SET external_id = NULL WHERE id = :id")
        .bind("id", from).execute();
    handle.createUpdate("UPDATE contacts SET external_id = :value WHERE id = :id")
        .bind("id", to).bind("value", externalId).execute();
  }

  /** Marks {@code from} as merged into {@code to}. */
  public static void markMerged(Handle handle, UUID from, UUID to, Instant at) {
    handle.createUpdate("""
            UPDATE contacts SET merged_into = :to, merged_at = :at, updated_at = :at
            WHERE id = :from""")
        .bind("from", from).bind("to", to).bind("at", StoreRows.timestamp(at)).execute();
  }

  /** Pairs of the site's live contacts that look like one person, at most {@code limit}. */
  public List<DuplicatePair> duplicates(String siteId, int limit) {
    return StoreFailures.call("duplicate contacts", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            WITH live AS (
                SELECT id, email, other_emails, phone, other_phones, external_id FROM contacts
                WHERE site_id = :site AND merged_into IS NULL),
            keys AS (
                SELECT id, 'email' AS reason, 2 AS rank, lower(e) AS value
                FROM live, unnest(array_append(other_emails, email)) e WHERE e IS NOT NULL
                UNION
                SELECT id, 'phone', 3, regexp_replace(p, '[^0-9+]', '', 'g')
                FROM live, unnest(array_append(other_phones, phone)) p
                WHERE p IS NOT NULL AND regexp_replace(p, '[^0-9+]', '', 'g') <> ''
                UNION
                SELECT id, 'externalId', 1, external_id FROM live WHERE external_id IS NOT NULL)
            SELECT DISTINCT ON (x.id, y.id) x.id AS a, y.id AS b, x.reason, x.value
            FROM keys x JOIN keys y ON y.reason = x.reason AND y.value = x.value AND x.id < y.id
            ORDER BY x.id, y.id, x.rank, x.value
            LIMIT :limit""")
        .bind("site", siteId).bind("limit", limit)
        .map((rs, ctx) -> new DuplicatePair(StoreRows.uuid(rs, "a"), StoreRows.uuid(rs, "b"),
            rs.getString("reason"), rs.getString("value")))
        .list()));
  }
}
