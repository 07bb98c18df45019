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
 * The durable outbox of mail to send. {@link #sendOne} claims the oldest due row with
 * {@code FOR UPDATE SKIP LOCKED} and keeps it locked while the caller talks to the SMTP server,
 * then records the result in the same transaction: two nodes never send the same row, and a node
 * that dies before its commit leaves the row queued for the next attempt.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class OutboxDao {
  /**
   * The result of one attempt. {@code state} is {@code sent}, {@code queued} (try again at
   * {@code nextAttemptAt}) or {@code failed}; {@code raw}, {@code sender} and {@code subject}
   * describe a sent mail, which is kept with the ticket's mail.
   */
  public record Attempt(String state, String error, Instant nextAttemptAt, byte[] raw,
      String sender, String subject) {}

  private final Jdbi jdbi;

  public OutboxDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Sends the oldest due row with {@code send}; false when none is due (or all are claimed). */
  public boolean sendOne(Instant now, Function<OutboxItem, Attempt> send) {
    return StoreFailures.call("send queued mail", () -> jdbi.inTransaction(handle -> {
      Optional<OutboxItem> due = handle.createQuery("SELECT * FROM mail_outbox"
              + " WHERE state = 'queued' AND next_attempt_at <= :now"
              + " ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED")
          .bind("now", StoreRows.timestamp(now)).map((rs, ctx) -> row(rs)).findOne();
      if (due.isEmpty()) {
        return false;
      }
      OutboxItem item = due.get();
      Attempt attempt = send.apply(item);
      boolean sent = attempt.state().equals("sent");
      handle.createUpdate("""
              UPDATE mail_outbox SET state = :state, attempts = attempts + 1,
                  last_error = :error, next_attempt_at = COALESCE(:next, next_attempt_at),
                  sent_at = CASE WHEN :sent THEN :now ELSE sent_at END
              WHERE id = :id""")
          .bind("id", item.id()).bind("state", attempt.state()).bind("error", attempt.error())
          .bind("next", attempt.nextAttemptAt() == null ? null
              : StoreRows.timestamp(attempt.nextAttemptAt()))
          .bind("sent", sent).bind("now", StoreRows.timestamp(now)).execute();
      if (sent) {
        handle.createUpdate("""
                INSERT INTO mail_messages (message_id, direction, source, state, site_id,
                    ticket_id, entry_id, sender, recipient, subject, raw, received_at)
                SELECT :messageId, 'out', 'outbox', 'sent', t.site_id, t.id, :entry, :sender,
                    :recipient, :subject, :raw, :now
                FROM tickets t WHERE t.id = :ticket
                ON CONFLICT (message_id) DO NOTHING""")
            .bind("messageId", item.messageId())
            .bind("entry", item.entryId() == 0 ? null : item.entryId())
            .bind("sender", attempt.sender()).bind("recipient", item.recipient())
            .bind("subject", attempt.subject()).bind("raw", attempt.raw())
            .bind("now", StoreRows.timestamp(now)).bind("ticket", item.ticketId()).execute();
      }
      return true;
    }));
  }

  /** The outbox rows of a ticket's mail (replies and its rating request), oldest first. */
  public List<OutboxItem> forTicket(UUID ticketId) {
    return StoreFailures.call("read mail deliveries", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT * FROM mail_outbox WHERE ticket_id = :ticket ORDER BY id")
        .bind("ticket", ticketId).map((rs, ctx) -> row(rs)).list()));
  }

  /**
   * Every Message-ID of the ticket's mail, received and sent, oldest first: the
   * {@code References} of a new reply.
   */
  public List<String> threadIds(UUID ticketId) {
    return StoreFailures.call("read mail thread", () -> jdbi.withHandle(handle -> handle
        .createQuery("""
            SELECT message_id FROM (
                SELECT message_id, received_at AS at, id FROM mail_messages
                WHERE ticket_id = :ticket AND state <> 'ignored'
                UNION
                SELECT message_id, sent_at AS at, id FROM mail_outbox
                WHERE ticket_id = :ticket AND state = 'sent') m
            GROUP BY message_id ORDER BY min(at), min(id)""")
        .bind("ticket", ticketId).mapTo(String.class).list()));
  }

  /** The Message-ID of the ticket's latest received mail: what a reply answers. */
  public Optional<String> lastReceived(UUID ticketId) {
    return StoreFailures.call("read mail thread", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT message_id FROM mail_messages WHERE ticket_id = :ticket"
            + " AND direction = 'in' AND state <> 'ignored' ORDER BY id DESC LIMIT 1")
        .bind("ticket", ticketId).mapTo(String.class).findOne()));
  }

  private static OutboxItem row(ResultSet rs) throws SQLException {
    return new OutboxItem(rs.getLong("id"), rs.getLong("entry_id"),
        StoreRows.uuid(rs, "ticket_id"), rs.getString("recipient"), rs.getString("message_id"),
        rs.getString("state"), rs.getInt("attempts"), StoreRows.instant(rs, "next_attempt_at"),
        rs.getString("last_error"), StoreRows.instant(rs, "created_at"),
        StoreRows.instant(rs, "sent_at"), rs.getString("kind"), rs.getString("body"));
  }
}
