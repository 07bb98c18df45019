package io.switchboard.server.store.mail;

import io.switchboard.server.db.StoreFailures;
import io.switchboard.server.db.StoreRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * The mail Switchboard received and sent. A received mail is stored first (its raw bytes, state
 * {@code received}; the Message-ID is unique, so a second delivery stores nothing), then threaded
 * while its row is locked, so two nodes, or the SMTP listener and the IMAP poller, never thread
 * the same mail twice.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class MailMessageDao {
  /** A mail as it arrived. */
  public record Arrived(String messageId, String source, UUID addressId, String siteId,
      String sender, String recipient, String subject, byte[] raw) {}

  /** What threading made of a mail: {@code state} {@code ticket}, {@code reply} or {@code ignored}. */
  public record Threaded(String state, String ignoredReason, UUID ticketId, Long entryId,
      String html) {}

  private static final String COLUMNS = "id, message_id, direction, source, state, ignored_reason,"
      + " address_id, site_id, ticket_id, entry_id, sender, recipient, subject, html, received_at";

  private final Jdbi jdbi;

  public MailMessageDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Stores a mail that arrived; empty when its Message-ID was stored before. */
  public Optional<Long> store(Arrived mail, Instant at) {
    return StoreFailures.call("store received mail", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            INSERT INTO mail_messages (message_id, direction, source, state, address_id, site_id,
                sender, recipient, subject, raw, received_at)
            VALUES (:messageId, 'in', :source, 'received', :address, :site, :sender, :recipient,
                :subject, :raw, :at)
            ON CONFLICT (message_id) DO NOTHING RETURNING id""")
        .bind("messageId", mail.messageId()).bind("source", mail.source())
        .bind("address", mail.addressId()).bind("site", mail.siteId())
        .bind("sender", mail.sender()).bind("recipient", mail.recipient())
        .bind("subject", mail.subject()).bind("raw", mail.raw())
        .bind("at", StoreRows.timestamp(at))
        .mapTo(Long.class).findOne()));
  }

  /** The id of the mail with this Message-ID, if any. */
  public Optional<Long> idOf(String messageId) {
    return StoreFailures.call("read mail", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT id FROM mail_messages WHERE message_id = :id")
        .bind("id", messageId).mapTo(Long.class).findOne()));
  }

  /**
   * Threads a stored mail: locks its row if it is still {@code received} and nobody else holds
   * it, hands its record and raw bytes to {@code work}, and records what that made of it. Empty
   * when the mail was threaded already or another thread is at it.
   */
  public Optional<Threaded> thread(long id, Function<Stored, Threaded> work) {
    return StoreFailures.call("thread mail", () -> jdbi.inTransaction(handle -> {
      Optional<Stored> stored = handle.createQuery("SELECT " + COLUMNS + ", raw FROM mail_messages"
              + " WHERE id = :id AND state = 'received' FOR UPDATE SKIP LOCKED")
          .bind("id", id).map((rs, ctx) -> new Stored(row(rs), rs.getBytes("raw"))).findOne();
      if (stored.isEmpty()) {
        return Optional.<Threaded>empty();
      }
      Threaded done = work.apply(stored.get());
      handle.createUpdate("""
              UPDATE mail_messages SET state = :state, ignored_reason = :reason,
                  ticket_id = :ticket, entry_id = :entry, html = :html,
                  site_id = COALESCE(site_id, (SELECT site_id FROM tickets WHERE id = :ticket))
              WHERE id = :id""")
          .bind("id", id).bind("state", done.state()).bind("reason", done.ignoredReason())
          .bind("ticket", done.ticketId()).bind("entry", done.entryId()).bind("html", done.html())
          .execute();
      return Optional.of(done);
    }));
  }

  /**
   * Counts a failed attempt at threading a stored mail; the {@code max}-th makes it ignored as
   * {@code threading_failed} (kept, with its raw bytes, for operators).
   */
  public void threadingFailed(long id, int max) {
    StoreFailures.run("record failed threading", () -> jdbi.useHandle(handle -> handle
        .createUpdate("""
            UPDATE mail_messages SET thread_attempts = thread_attempts + 1,
                state = CASE WHEN thread_attempts + 1 >= :max THEN 'ignored' ELSE state END,
                ignored_reason = CASE WHEN thread_attempts + 1 >= :max THEN 'threading_failed'
                    ELSE ignored_reason END
            WHERE id = :id AND state = 'received'""")
        .bind("id", id).bind("max", max).execute()));
  }

  /** A stored mail with its raw bytes. */
  public record Stored(MailRecord mail, byte[] raw) {}

  /** Mail stored before {@code before} and not threaded yet (a node stopped in between). */
  public List<Long> unthreaded(Instant before, int limit) {
    return StoreFailures.call("find unthreaded mail", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT id FROM mail_messages WHERE state = 'received'"
            + " AND received_at < :before ORDER BY id LIMIT :limit")
        .bind("before", StoreRows.timestamp(before)).bind("limit", limit)
        .mapTo(Long.class).list()));
  }

  /**
   * The ticket of the site that a mail with one of these Message-IDs belongs to (received, or
   * sent by the outbox), the most recent first.
   */
  public Optional<UUID> ticketOf(String siteId, List<String> messageIds) {
    if (messageIds.isEmpty()) {
      return Optional.empty();
    }
    return StoreFailures.call("thread by message id", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT t.id FROM tickets t WHERE t.site_id = :site AND t.id IN (
                SELECT ticket_id FROM mail_messages WHERE message_id = ANY(:ids)
                UNION SELECT ticket_id FROM mail_outbox WHERE message_id = ANY(:ids))
            ORDER BY t.created_at DESC LIMIT 1""")
        .bind("site", siteId).bindArray("ids", String.class, messageIds.toArray())
        .mapTo(UUID.class).findOne()));
  }

  /** The ticket with this number on the site. */
  public Optional<UUID> ticketByNumber(String siteId, long number) {
    return StoreFailures.call("thread by number", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT id FROM tickets WHERE site_id = :site AND number = :number")
        .bind("site", siteId).bind("number", number).mapTo(UUID.class).findOne()));
  }

  /** The site's oldest contact with this email address (any case). */
  public Optional<UUID> contactByEmail(String siteId, String email) {
    return StoreFailures.call("find contact by email", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT id FROM contacts WHERE site_id = :site AND lower(email) = lower(:email)"
            + " ORDER BY created_at, id LIMIT 1")
        .bind("site", siteId).bind("email", email).mapTo(UUID.class).findOne()));
  }

  /** The mail of a ticket, oldest first, without raw bytes. */
  public List<MailRecord> forTicket(UUID ticketId) {
    return StoreFailures.call("read ticket mail", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM mail_messages WHERE ticket_id = :ticket"
            + " ORDER BY id")
        .bind("ticket", ticketId).map((rs, ctx) -> row(rs)).list()));
  }

  /** The raw bytes of one mail of a ticket. */
  public Optional<byte[]> raw(UUID ticketId, long mailId) {
    return StoreFailures.call("read raw mail", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT raw FROM mail_messages WHERE id = :id AND ticket_id = :ticket"
            + " AND raw IS NOT NULL")
        .bind("id", mailId).bind("ticket", ticketId).mapTo(byte[].class).findOne()));
  }

  /** Ignored mail, newest first, for operators. */
  public List<MailRecord> ignored(int limit) {
    return StoreFailures.call("read ignored mail", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT " + COLUMNS + " FROM mail_messages WHERE state = 'ignored'"
            + " ORDER BY received_at DESC, id DESC LIMIT :limit")
        .bind("limit", limit).map((rs, ctx) -> row(rs)).list()));
  }

  private static MailRecord row(ResultSet rs) throws SQLException {
    Long entry = rs.getObject("entry_id", Long.class);
    return new MailRecord(rs.getLong("id"), rs.getString("message_id"),
        rs.getString("direction"), rs.getString("source"), rs.getString("state"),
        rs.getString("ignored_reason"), StoreRows.uuid(rs, "address_id"),
        rs.getString("site_id"), StoreRows.uuid(rs, "ticket_id"),
        entry, rs.getString("sender"), rs.getString("recipient"),
        rs.getString("subject"), rs.getString("html"), StoreRows.instant(rs, "received_at"));
  }
}
