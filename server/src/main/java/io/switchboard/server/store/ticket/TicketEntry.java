package io.switchboard.server.store.ticket;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One item of a ticket's thread: what the customer wrote, a public reply, an internal note, or a
 * logged phone call.
 *
 * <p>Immutable and thread-safe.
 *
 * @param authorId the user id of staff, the contact id of the customer
 * @param proposedSolution a public reply the agent marked as the proposed solution
 * @param call for kind {@link Kind#CALL}: caller, direction, startedAt, durationSeconds, outcome
 */
public record TicketEntry(long id, UUID ticketId, Kind kind, String authorId, String body,
    boolean proposedSolution, Map<String, String> call, Instant createdAt) {
  /** What an entry is; only customer entries and replies are public. */
  public enum Kind {
    CUSTOMER, REPLY, NOTE, CALL;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the requester sees it. */
    public boolean isPublic() {
      return this == CUSTOMER || this == REPLY;
    }

    static Kind fromWire(String wire) {
      return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public TicketEntry {
    call = call == null ? null : Map.copyOf(call);
  }
}
