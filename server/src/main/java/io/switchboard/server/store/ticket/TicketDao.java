package io.switchboard.server.store.ticket;

import io.switchboard.server.db.StoreFailures;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Offline messages left through the widget when nobody could answer live. A later release adds
 * SLA clocks, statuses and assignment.
 *
 * <p>Thread-safe: every call runs on its own pooled connection.
 */
public final class TicketDao {
  /** What the offline form submits. */
  public record NewTicket(String siteId, UUID contactId, String queueId, String name, String email,
      String message) {}

  private final Jdbi jdbi;

  public TicketDao(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public UUID create(NewTicket ticket) {
    UUID id = UUID.randomUUID();
    StoreFailures.run("create ticket", () -> jdbi.useHandle(handle -> handle.createUpdate("""
            INSERT INTO tickets (id, site_id, contact_id, queue_id, name, email, message)
            VALUES (:id, :siteId, :contactId, :queueId, :name, :email, :message)""")
        .bind("id", id)
        .bind("siteId", ticket.siteId())
        .bind("contactId", ticket.contactId())
        .bind("queueId", ticket.queueId())
        .bind("name", ticket.name())
        .bind("email", ticket.email())
        .bind("message", ticket.message())
        .execute()));
    return id;
  }
}
