package io.switchboard.server.access;

import java.util.Locale;

/**
 * What a console user may do. Stored and sent in lower case.
 *
 * <p>Immutable and thread-safe.
 */
public enum Role {
  AGENT,
  SUPERVISOR,
  ADMIN;

  /** The lower-case name used in the database and on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The role named {@code wire}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static Role fromWire(String wire) {
    for (Role role : values()) {
      if (role.wire().equals(wire)) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role: " + wire);
  }
}
