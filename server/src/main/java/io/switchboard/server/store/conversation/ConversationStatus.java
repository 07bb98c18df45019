package io.switchboard.server.store.conversation;

import java.util.Locale;

/**
 * Where a conversation stands: waiting in its queue, held by one agent, or finished.
 *
 * <p>Immutable and thread-safe.
 */
public enum ConversationStatus {
  QUEUED,
  ASSIGNED,
  CLOSED;

  /** The lower-case name used in the database and on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The status named {@code wire}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static ConversationStatus fromWire(String wire) {
    for (ConversationStatus status : values()) {
      if (status.wire().equals(wire)) {
        return status;
      }
    }
    throw new IllegalArgumentException("unknown conversation status: " + wire);
  }
}
