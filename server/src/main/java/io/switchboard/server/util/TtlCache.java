package io.switchboard.server.util;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small map of values read from a store, each kept for a fixed time after it was read. Two
 * callers missing the same key at once may both read it; the later value wins, which is harmless
 * for the idempotent reads it is meant for. The map is cleared whenever it holds more than
 * {@code maxEntries}, so it cannot grow without bound.
 *
 * <p>Thread-safe.
 */
public final class TtlCache<K, V> {
  private record Entry<V>(V value, long expiresAtMillis) {}

  private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final long ttlMillis;
  private final int maxEntries;
  private final Clock clock;

  public TtlCache(Duration ttl, int maxEntries, Clock clock) {
    if (ttl.isNegative() || maxEntries < 1) {
      throw new IllegalArgumentException("ttl must not be negative and maxEntries positive");
    }
    this.ttlMillis = ttl.toMillis();
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  /** The cached value for {@code key}, or {@code load}'s answer, cached from now on. */
  public V get(K key, Function<K, V> load) {
    long now = clock.millis();
    Entry<V> entry = entries.get(key);
    if (entry != null && entry.expiresAtMillis() > now) {
      return entry.value();
    }
    V value = load.apply(key);
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
    entries.put(key, new Entry<>(value, now + ttlMillis));
    return value;
  }

  /** The cached value for {@code key} if it is still fresh; never reads the store. */
  public Optional<V> peek(K key) {
    Entry<V> entry = entries.get(key);
    return entry != null && entry.expiresAtMillis() > clock.millis()
        ? Optional.of(entry.value()) : Optional.empty();
  }

  /** Forgets every value, so the next reads go to the store. */
  public void clear() {
    entries.clear();
  }
}
