package io.switchboard.server.sla;

import java.time.Instant;
import java.util.Objects;

/**
 * One fact of a ticket's history that SLA clocks read.
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the status wire name for {@link Kind#CREATED} and {@link Kind#STATUS}, the
 *     priority wire name for {@link Kind#PRIORITY}; null otherwise
 */
public record TicketFact(Instant at, Kind kind, String value) {
  /** What happened. */
  public enum Kind {
    /** The ticket was opened (value: its first status). */
    CREATED,
    /** The status changed (value: the new status). */
    STATUS,
    /** The priority changed (value: the new priority). */
    PRIORITY,
    /** A public reply by staff. */
    AGENT_REPLY,
    /** A message from the requester, after the ticket was opened. */
    CUSTOMER_MESSAGE,
    /** Staff marked a public reply as the proposed solution. */
    SOLUTION_PROPOSED,
    /** The ticket was merged into another: every open clock is cancelled. */
    MERGED
  }

  public TicketFact {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.CREATED || kind == Kind.STATUS || kind == Kind.PRIORITY) && value == null) {
      throw new IllegalArgumentException(kind + " needs a value");
    }
  }
}
