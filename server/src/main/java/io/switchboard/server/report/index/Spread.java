package io.switchboard.server.report.index;

import java.util.Arrays;
import java.util.Map;

/**
 * The durations of one group, collected to answer what SQL's {@code count}, {@code avg} and
 * {@code percentile_disc(0.5)} and {@code (0.9)} answer over them: the median and 90th
 * percentile are the values at rank {@code ceil(f * n)}, found by selection, not a full sort.
 *
 * <p>Not thread-safe: one query owns it.
 */
final class Spread {
  private int[] values = new int[16];
  private int size;
  private long sum;

  void add(int value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
    sum += value;
  }

  /** Puts {@code name_n, name_avg, name_p50, name_p90} into the row (null figures when empty). */
  void into(Map<String, Object> row, String name) {
    row.put(name + "_n", (long) size);
    if (size == 0) {
      row.put(name + "_avg", null);
      row.put(name + "_p50", null);
      row.put(name + "_p90", null);
      return;
    }
    row.put(name + "_avg", (double) sum / size);
    int median = rank(0.5);
    row.put(name + "_p50", (long) select(0, size - 1, median));
    // Selection left every value at or after the median's place no smaller than it.
    row.put(name + "_p90", (long) select(median, size - 1, rank(0.9)));
  }

  static void into(Spread spread, Map<String, Object> row, String name) {
    (spread == null ? new Spread() : spread).into(row, name);
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The 0-based place of percentile {@code f}, as PostgreSQL's percentile_disc counts it. */
  private int rank(double f) {
    return (int) Math.max(1, Math.ceil(f * size)) - 1;
  }

  /** The value that sorted order puts at {@code k}, looking only within [low, high]. */
  private int select(int low, int high, int k) {
    int[] a = values;
    while (low < high) {
      int pivot = median(a[low], a[(low + high) >>> 1], a[high]);
      int i = low;
      int j = high;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          int swap = a[i];
          a[i++] = a[j];
          a[j--] = swap;
        }
      }
      if (k <= j) {
        high = j;
      } else if (k >= i) {
        low = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  private static int median(int a, int b, int c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }
}
