package io.switchboard.server.report.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers the distinct values of one column of the report index (sites, queues, agents, tags),
 * so rows hold small ints: a value keeps its number for the index's life; null is {@code -1}.
 *
 * <p>Not thread-safe: {@link ReportIndex} guards it with its lock.
 */
final class Dictionary<T> {
  /** The number of null. */
  static final int NULL = -1;
  /** What {@link #find} answers for a value never seen. */
  static final int ABSENT = -2;

  private final Map<T, Integer> numbers = new HashMap<>();
  private final List<T> values = new ArrayList<>();

  /** The value's number, given it one if it is new. */
  int number(T value) {
    if (value == null) {
      return NULL;
    }
    Integer known = numbers.get(value);
    if (known != null) {
      return known;
    }
    values.add(value);
    numbers.put(value, values.size() - 1);
    return values.size() - 1;
  }

  /** The numbers of the values, in order. */
  int[] numbers(T[] given) {
    if (given.length == 0) {
      return ChatColumns.NO_INTS;
    }
    int[] result = new int[given.length];
    for (int i = 0; i < given.length; i++) {
      result[i] = number(given[i]);
    }
    return result;
  }

  /** The value's number, {@link #NULL} for null, {@link #ABSENT} for a value never seen. */
  int find(T value) {
    if (value == null) {
      return NULL;
    }
    return numbers.getOrDefault(value, ABSENT);
  }

  /** The value numbered {@code number}; null for {@link #NULL}. */
  T value(int number) {
    return number == NULL ? null : values.get(number);
  }

  int size() {
    return values.size();
  }
}
