package io.switchboard.server.store.ticket;

import java.util.Locale;

/**
 * Where a ticket stands in its workflow: new, open, pending (waiting on the customer), on hold
 * (waiting on a third party), solved, closed. Only {@code closed} is final.
 *
 * <p>Immutable and thread-safe.
 */
public enum TicketStatus {
  NEW,
  OPEN,
  PENDING,
  ON_HOLD,
  SOLVED,
  CLOSED;

  /** The lower-case name used in the database and on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The value named {@code wire}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static TicketStatus fromWire(String wire) {
    for (TicketStatus value : values()) {
      if (value.wire().equals(wire)) {
        return value;
      }
    }
    throw new IllegalArgumentException("unknown ticket status: " + wire);
  }
}
