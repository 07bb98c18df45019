package io.switchboard.server.ratelimit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rate limits of this node alone, for while Redis cannot be reached: the same token buckets
 * as {@code rate_limit.lua} (full at first, one token back every {@link Limit#refillMillis()},
 * all or none), kept in memory. Across several nodes a party may then get each limit once per
 * node, which still stops a flood. Buckets that are full again are dropped once there are more
 * than {@link #MAX_BUCKETS}, so memory stays bounded.
 *
 * <p>Thread-safe: every method is synchronized (it only runs while Redis is down).
 */
final class LocalBuckets {
  static final int MAX_BUCKETS = 100_000;

  /** Tokens left, the last refill (epoch ms), and how long an empty bucket takes to fill. */
  private record State(long tokens, long at, long fillMillis) {}

  private final Map<String, State> buckets = new HashMap<>();

  /**
   * Takes one token from each bucket at {@code now} (epoch ms), or from none of them.
   *
   * @return 0 when taken, otherwise the milliseconds until the emptiest bucket has a token again
   */
  synchronized long take(List<Bucket> wanted, long now) {
    State[] states = new State[wanted.size()];
    long wait = 0;
    for (int i = 0; i < states.length; i++) {
      Limit limit = wanted.get(i).limit();
      states[i] = refilled(buckets.get(wanted.get(i).name()), limit, now);
      if (states[i].tokens() < 1) {
        wait = Math.max(wait, Math.max(1, states[i].at() + limit.refillMillis() - now));
      }
    }
    if (wait > 0) {
      return wait;
    }
    if (buckets.size() > MAX_BUCKETS) {
      dropFull(now);
    }
    for (int i = 0; i < states.length; i++) {
      State state = states[i];
      buckets.put(wanted.get(i).name(),
          new State(state.tokens() - 1, state.at(), state.fillMillis()));
    }
    return 0;
  }

  synchronized int size() {
    return buckets.size();
  }

  private static State refilled(State state, Limit limit, long now) {
    long fillMillis = limit.refillMillis() * limit.count();
    if (state == null) {
      return new State(limit.count(), now, fillMillis);
    }
    long tokens = Math.min(limit.count(), state.tokens());
    long at = state.at();
    if (now > at) {
      long refill = (now - at) / limit.refillMillis();
      if (refill > 0) {
        tokens = Math.min(limit.count(), tokens + refill);
        at = tokens >= limit.count() ? now : at + refill * limit.refillMillis();
      }
    }
    return new State(tokens, at, fillMillis);
  }

  /** Forgets every bucket that would be full by now (a missing bucket is a full one). */
  private void dropFull(long now) {
    buckets.values().removeIf(state -> now - state.at() >= state.fillMillis());
    if (buckets.size() > MAX_BUCKETS) {
      buckets.clear();
    }
  }
}
