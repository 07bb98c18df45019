package io.switchboard.server.presence;

import java.util.Locale;

/**
 * An agent's availability. Only {@link #ONLINE} agents receive new conversations; {@link #AWAY}
 * agents keep the ones they hold. On the wire and in Redis the status is written in lower case.
 *
 * <p>Immutable and thread-safe.
 */
public enum AgentStatus {
  /** Available: receives new conversations up to the agent's capacity. */
  ONLINE,
  /** Connected but not taking new conversations. */
  AWAY,
  /** Not connected, or the presence heartbeat expired. */
  OFFLINE;

  /** The status as written on the wire and in Redis, for example {@code "online"}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire value.
   *
   * @throws IllegalArgumentException when it is not a known status
   */
  public static AgentStatus fromWire(String wire) {
    for (AgentStatus status : values()) {
      if (status.wire().equals(wire)) {
        return status;
      }
    }
    throw new IllegalArgumentException("unknown agent status: " + wire);
  }
}
