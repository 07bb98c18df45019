package io.switchboard.server.access;

import java.util.Locale;

/**
 * Who someone is to Switchboard: a visitor of a site, or a console user with one of the staff
 * roles. Stored (staff roles only) and sent in lower case.
 *
 * <p>Immutable and thread-safe.
 */
public enum Role {
  VISITOR,
  AGENT,
  SUPERVISOR,
  ADMIN;

  /** The lower-case name used in the database and on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Agents, supervisors and admins: the console's users. */
  public boolean isStaff() {
    return this != VISITOR;
  }

  /** Supervisors and admins: they oversee queues and conversations that are not theirs. */
  public boolean oversees() {
    return this == SUPERVISOR || this == ADMIN;
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

  /**
   * The staff role named {@code wire}, as stored for console users.
   *
   * @throws IllegalArgumentException for an unknown name or {@code visitor}
   */
  public static Role staffFromWire(String wire) {
    Role role = fromWire(wire);
    if (!role.isStaff()) {
      throw new IllegalArgumentException("not a staff role: " + wire);
    }
    return role;
  }
}
