package io.switchboard.server.delivery;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Immutable sets and maps with one element more or less: the copy-on-write collections of the
 * session registry, small (a session's conversations, a conversation's followers on this node),
 * read far more often than changed, and held by tens of thousands of sessions at once. The
 * caller replaces its collection under its own lock (or inside a concurrent map's compute).
 *
 * <p>Stateless and thread-safe; every result is immutable ({@code Set.of}, {@code Map.of}).
 */
final class CopyOnWrite {
  private CopyOnWrite() {}

  /** {@code set} with {@code element} added (the same set when it is there already). */
  static <T> Set<T> with(Set<T> set, T element) {
    if (set.contains(element)) {
      return set;
    }
    Set<T> copy = new HashSet<>(set);
    copy.add(element);
    return Set.copyOf(copy);
  }

  /** {@code set} without {@code element} (the same set when it is not there). */
  static <T> Set<T> without(Set<T> set, T element) {
    if (!set.contains(element)) {
      return set;
    }
    Set<T> copy = new HashSet<>(set);
    copy.remove(element);
    return Set.copyOf(copy);
  }

  /** {@code map} with {@code key} mapped to {@code value}. */
  static <K, V> Map<K, V> with(Map<K, V> map, K key, V value) {
    Map<K, V> copy = new HashMap<>(map);
    copy.put(key, value);
    return Map.copyOf(copy);
  }

  /** {@code map} without {@code key} (the same map when it is not there). */
  static <K, V> Map<K, V> without(Map<K, V> map, K key) {
    if (!map.containsKey(key)) {
      return map;
    }
    Map<K, V> copy = new HashMap<>(map);
    copy.remove(key);
    return Map.copyOf(copy);
  }
}
