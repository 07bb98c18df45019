package io.switchboard.server.store.ticket;

import java.util.Locale;

/**
 * How urgent a ticket is; SLA targets are set per priority.
 *
 * <p>Immutable and thread-safe.
 */
public enum TicketPriority {
  LOW,
  NORMAL,
  HIGH,
  URGENT;

  /** The lower-case name used in the database and on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The value named {@code wire}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static TicketPriority fromWire(String wire) {
    for (TicketPriority value : values()) {
      if (value.wire().equals(wire)) {
        return value;
      }
    }
    throw new IllegalArgumentException("unknown ticket priority: " + wire);
  }
}
