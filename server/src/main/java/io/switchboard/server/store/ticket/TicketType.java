package io.switchboard.server.store.ticket;

import java.util.Locale;

/**
 * What kind of case a ticket is. Complaints are a type of their own, so they can be counted
 * and given their own SLA policy.
 *
 * <p>Immutable and thread-safe.
 */
public enum TicketType {
  QUESTION,
  INCIDENT,
  COMPLAINT,
  REQUEST;

  /** The lower-case name used in the database and on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The value named {@code wire}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static TicketType fromWire(String wire) {
    for (TicketType value : values()) {
      if (value.wire().equals(wire)) {
        return value;
      }
    }
    throw new IllegalArgumentException("unknown ticket type: " + wire);
  }
}
