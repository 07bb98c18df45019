package io.switchboard.server.store.mail;

import io.switchboard.server.db.StoreRows;
import io.switchboard.server.store.ticket.Ticket;
import io.switchboard.server.store.ticket.TicketEntry;
import io.switchboard.server.store.ticket.TicketWrites;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import org.jdbi.v3.core.Handle;

/**
 * Queues the mail of a public reply in the transaction that stores the reply, so a committed
 * reply always has its outbox row and a rolled-back one never has. A reply is mailed when its
 * ticket came by mail, the web form or a chat, its requester has an email address that is not one
 * of our support addresses, and the site has a support address to send from. The row's
 * Message-ID is chosen now, on the sending address's domain.
 *
 * <p>Thread-safe (stateless but for a thread-safe random source).
 */
public final class OutboxEnqueuer implements TicketWrites.EntryHook {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public void added(Handle handle, Ticket ticket, TicketEntry entry, Instant at) {
    if (entry.kind() != TicketEntry.Kind.REPLY) {
      return;
    }
    byte[] token = new byte[12];
    RANDOM.nextBytes(token);
    handle.createUpdate("""
            WITH t AS (
                SELECT t.id, t.site_id, t.queue_id, t.channel,
                       lower(btrim(COALESCE(NULLIF(t.requester_email, ''), c.email))) AS recipient
                FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE t.id = :ticket),
            a AS (
                SELECT a.address FROM mail_addresses a, t WHERE a.site_id = t.site_id
                ORDER BY (a.queue_id = t.queue_id) DESC, a.created_at, a.address LIMIT 1)
            INSERT INTO mail_outbox (entry_id, ticket_id, recipient, message_id, state,
                next_attempt_at, created_at)
            SELECT :entry, t.id, t.recipient,
                   'sb.' || :token || '.' || :entry || '@' || split_part(a.address, '@', 2),
                   'queued', :at, :at
            FROM t, a
            WHERE t.recipient LIKE '%_@_%' AND t.channel IN ('email', 'web_form', 'chat')
              AND NOT EXISTS (SELECT 1 FROM mail_addresses o WHERE o.address = t.recipient)
            ON CONFLICT DO NOTHING""")
        .bind("ticket", ticket.id()).bind("entry", entry.id())
        .bind("token", HexFormat.of().formatHex(token))
        .bind("at", StoreRows.timestamp(at)).execute();
  }
}
