package io.switchboard.server.api;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.auth.AuthService;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.mail.MailRecord;
import io.switchboard.server.store.mail.OutboxItem;
import io.switchboard.server.ticket.TicketStateMachine;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.SwitchboardException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A ticket's mail over REST, for staff who may read the ticket: {@code GET
 * /v1/tickets/{id}/mail} (every mail received into it and sent from it, with the sanitized HTML of
 * HTML mail) and {@code GET /v1/tickets/{id}/mail/{mailId}/raw} (the original as it arrived or
 * left, {@code message/rfc822}, as a download).
 *
 * <p>Thread-safe.
 */
public final class TicketMailApi {
  private final TicketStateMachine tickets;
  private final Stores stores;
  private final AuthService auth;
  private final BlockingExecutor store;

  public TicketMailApi(TicketStateMachine tickets, Stores stores, AuthService auth,
      BlockingExecutor store) {
    this.tickets = tickets;
    this.stores = stores;
    this.auth = auth;
    this.store = store;
  }

  public void register(ApiRoutes routes) {
    routes.add("GET", "/v1/tickets/{id}/mail", request -> auth.staff(request.bearer())
        .thenCompose(staff -> store.call(() -> {
          UUID id = TicketFields.id("id", request.param(0));
          tickets.readable(staff, id);
          return ApiResponse.ok(stores.mail().forTicket(id).stream()
              .map(TicketMailApi::json).toList());
        })));
    routes.add("GET", "/v1/tickets/{id}/mail/{mailId}/raw", request -> auth.staff(request.bearer())
        .thenCompose(staff -> store.call(() -> {
          UUID id = TicketFields.id("id", request.param(0));
          tickets.readable(staff, id);
          long mailId;
          try {
            mailId = Long.parseLong(request.param(1));
          } catch (NumberFormatException e) {
            throw new SwitchboardException(ErrorCode.INVALID_FIELD, "mailId: a number");
          }
          byte[] raw = stores.mail().raw(id, mailId).orElseThrow(() ->
              new SwitchboardException(ErrorCode.NOT_FOUND, "no such mail on this ticket"));
          return ApiResponse.bytes("message/rfc822", raw);
        })));
  }

  static Map<String, Object> json(MailRecord m) {
    return ApiJson.object("id", m.id(), "messageId", m.messageId(),
        "direction", m.direction(), "source", m.source(), "state", m.state(),
        "entryId", m.entryId(), "from", m.sender(), "to", m.recipient(), "subject", m.subject(),
        "html", m.html(), "at", m.receivedAt().toString());
  }

  /** The delivery of a reply to one recipient, as the ticket's entries show it. */
  static Map<String, Object> delivery(OutboxItem o) {
    return ApiJson.object("to", o.recipient(), "state", o.state(), "attempts", o.attempts(),
        "error", o.lastError(),
        "nextAttemptAt", o.state().equals("queued") ? o.nextAttemptAt().toString() : null,
        "sentAt", o.sentAt() == null ? null : o.sentAt().toString(),
        "messageId", o.messageId());
  }

  /** Delivery and mail by entry id, for the ticket's JSON. */
  static Map<Long, List<Map<String, Object>>> deliveries(Stores stores, UUID ticketId) {
    Map<Long, List<Map<String, Object>>> byEntry = new java.util.HashMap<>();
    for (OutboxItem item : stores.outbox().forTicket(ticketId)) {
      byEntry.computeIfAbsent(item.entryId(), k -> new java.util.ArrayList<>())
          .add(delivery(item));
    }
    return byEntry;
  }
}
