package io.switchboard.server.presence;

import java.time.Instant;
import java.util.Optional;

/**
 * What the supervisor wall shows of a live node: where it listens, when it last beat, and how
 * many sessions and distinct staff users are connected to it. Only {@code nodeId} is certain; the
 * rest is null when the node has not published a card (yet).
 *
 * <p>Immutable and thread-safe.
 */
public record NodeCard(String nodeId, String address, Instant beatAt, Integer sessions,
    Integer staff) {
  /** A node known only by its registration. */
  public static NodeCard bare(String nodeId) {
    return new NodeCard(nodeId, null, null, null, null);
  }

  /** The stored form: {@code beatAt|sessions|staff|address}. */
  String encode() {
    return beatAt + "|" + sessions + "|" + staff + "|" + (address == null ? "" : address);
  }

  /** The card stored as {@link #encode()}, or empty when it is missing or unreadable. */
  static Optional<NodeCard> decode(String nodeId, String stored) {
    if (stored == null) {
      return Optional.empty();
    }
    String[] parts = stored.split("\\|", 4);
    try {
      return Optional.of(new NodeCard(nodeId, parts[3].isEmpty() ? null : parts[3],
          Instant.parse(parts[0]), Integer.valueOf(parts[1]), Integer.valueOf(parts[2])));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
