package io.switchboard.server.store.ticket;

import java.time.Instant;
import java.util.Map;

/**
 * One line of a ticket's history: what changed ({@code created}, {@code status},
 * {@code assigned}, {@code priority}, {@code reply}, {@code merged}, ...), who did it (a user id,
 * a contact id or {@code system}) and when.
 *
 * <p>Immutable and thread-safe.
 */
public record TicketEvent(long id, String kind, String actor, Map<String, String> detail,
    Instant at) {
  public TicketEvent {
    detail = Map.copyOf(detail);
  }
}
