package io.switchboard.server.store.ticket;

import java.util.Locale;

/**
 * Where a ticket came from: a chat, the widget's web form, email, a phone call, or the API.
 *
 * <p>Immutable and thread-safe.
 */
public enum TicketChannel {
  CHAT,
  WEB_FORM,
  EMAIL,
  PHONE,
  API;

  /** The lower-case name used in the database and on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The value named {@code wire}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static TicketChannel fromWire(String wire) {
    for (TicketChannel value : values()) {
      if (value.wire().equals(wire)) {
        return value;
      }
    }
    throw new IllegalArgumentException("unknown ticket channel: " + wire);
  }
}
