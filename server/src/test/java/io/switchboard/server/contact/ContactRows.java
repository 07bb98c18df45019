package io.switchboard.server.contact;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * Rows that belong to a contact, written straight into the test database: closed and open
 * conversations, tickets, ratings and visitor uploads; and counts of each per contact, read the
 * same way, for checking what a merge moved.
 *
 * <p>Thread-safe: ticket numbers come from one counter.
 */
final class ContactRows {
  private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

  private final Jdbi jdbi;
  private final String siteId;
  private final String queueId;

  ContactRows(Jdbi jdbi, String siteId, String queueId) {
    this.jdbi = jdbi;
    this.siteId = siteId;
    this.queueId = queueId;
  }

  /** A conversation of the contact, closed unless {@code open}; answers its id. */
  UUID conversation(UUID contactId, boolean open) {
    UUID id = UUID.randomUUID();
    jdbi.useHandle(handle -> handle.createUpdate("""
            INSERT INTO conversations (id, site_id, contact_id, queue_id, status, closed_at,
                last_seq, disposition)
            VALUES (:id, :site, :contact, :queue, :status, :closedAt, 3, :disposition)""")
        .bind("id", id).bind("site", siteId).bind("contact", contactId).bind("queue", queueId)
        .bind("status", open ? "queued" : "closed")
        .bind("closedAt", open ? null : Instant.now().atOffset(ZoneOffset.UTC))
        .bind("disposition", open ? null : "resolved").execute());
    return id;
  }

  UUID ticket(UUID contactId) {
    UUID id = UUID.randomUUID();
    jdbi.useHandle(handle -> handle.createUpdate("""
            INSERT INTO tickets (id, site_id, contact_id, queue_id, number, subject, status,
                updated_at, created_at)
            VALUES (:id, :site, :contact, :queue, :number, 'Help', 'new', now(), now())""")
        .bind("id", id).bind("site", siteId).bind("contact", contactId).bind("queue", queueId)
        .bind("number", NUMBERS.incrementAndGet()).execute());
    return id;
  }

  /** A rating of a new closed conversation of the contact. */
  void rating(UUID contactId, int score) {
    UUID conversation = conversation(contactId, false);
    jdbi.useHandle(handle -> handle.createUpdate("""
            INSERT INTO ratings (conversation_id, contact_id, score, comment)
            VALUES (:conversation, :contact, :score, 'thanks')""")
        .bind("conversation", conversation).bind("contact", contactId).bind("score", score)
        .execute());
  }

  /** A mail that came in on the ticket, stored as the ticket's customer entry. */
  void mailIn(UUID ticketId, String subject) {
    jdbi.useHandle(handle -> {
      long entry = handle.createQuery("""
              INSERT INTO ticket_entries (ticket_id, kind, body, created_at)
              VALUES (:ticket, 'customer', 'By mail', now()) RETURNING id""")
          .bind("ticket", ticketId).mapTo(Long.class).one();
      handle.createUpdate("""
              INSERT INTO mail_messages (message_id, direction, source, state, site_id,
                  ticket_id, entry_id, sender, subject, received_at)
              VALUES (:messageId, 'in', 'smtp', 'reply', :site, :ticket, :entry,
                  'customer@example.com', :subject, now())""")
          .bind("messageId", UUID.randomUUID() + "@example.com").bind("site", siteId)
          .bind("ticket", ticketId).bind("entry", entry).bind("subject", subject).execute();
    });
  }

  void upload(UUID contactId) {
    jdbi.useHandle(handle -> handle.createUpdate("""
            INSERT INTO attachments (id, site_id, sha256, size_bytes, content_type, file_name,
                uploader_role, uploader_id, created_at)
            VALUES (:id, :site, repeat('a', 64), 10, 'text/plain', 'a.txt', 'visitor', :contact,
                now())""")
        .bind("id", UUID.randomUUID()).bind("site", siteId).bind("contact", contactId.toString())
        .execute());
  }

  /** How many rows of {@code table} belong to the contact. */
  int count(String table, UUID contactId) {
    String sql = table.equals("attachments")
        ? "SELECT count(*) FROM attachments WHERE uploader_role = 'visitor' AND uploader_id = :id"
        : "SELECT count(*) FROM " + table + " WHERE contact_id = CAST(:id AS uuid)";
    return jdbi.withHandle(handle -> handle.createQuery(sql).bind("id", contactId.toString())
        .mapTo(Integer.class).one());
  }
}
