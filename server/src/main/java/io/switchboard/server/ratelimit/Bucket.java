package io.switchboard.server.ratelimit;

import java.util.Objects;

/**
 * One limit applied to one party: a visitor, a staff user or a client address. A check may take
 * from several buckets at once, of different parties (a visitor's starts and its address's).
 *
 * <p>Immutable and thread-safe.
 *
 * @param limit the limit
 * @param who the party: a contact or user id, or a client IP address
 */
public record Bucket(Limit limit, String who) {
  public Bucket {
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(who, "who");
  }

  /** The key of this bucket among the others, the same for every node. */
  String name() {
    return limit.name() + ":" + who;
  }
}
