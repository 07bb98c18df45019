package io.switchboard.server.report.index;

import java.util.Arrays;
import java.util.UUID;

/**
 * A map from fact id to slot without an object per entry: ids as two longs in open addressing
 * with linear probing (at most half full), removal by shifting the run back, so a million facts
 * cost about 40 bytes each instead of a {@code HashMap}'s hundred.
 *
 * <p>Not thread-safe: {@link ReportIndex} guards it with its lock.
 */
final class IdSlots {
  private static final int FREE = -1;

  private long[] high = new long[16];
  private long[] low = new long[16];
  private int[] slots = filled(16);
  private int size;

  /** The id's slot, or -1. */
  int get(UUID id) {
    int at = find(id.getMostSignificantBits(), id.getLeastSignificantBits());
    return slots[at];
  }

  /** Sets the id's slot. */
  void put(UUID id, int slot) {
    if ((size + 1) * 2 > slots.length) {
      grow();
    }
    long h = id.getMostSignificantBits();
    long l = id.getLeastSignificantBits();
    int at = find(h, l);
    if (slots[at] == FREE) {
      size++;
      high[at] = h;
      low[at] = l;
    }
    slots[at] = slot;
  }

  /** Forgets the id; answers its slot, or -1. */
  int remove(UUID id) {
    int at = find(id.getMostSignificantBits(), id.getLeastSignificantBits());
    int slot = slots[at];
    if (slot == FREE) {
      return FREE;
    }
    size--;
    int mask = slots.length - 1;
    int hole = at;
    for (int next = (hole + 1) & mask; slots[next] != FREE; next = (next + 1) & mask) {
      int home = home(high[next], low[next], mask);
      // Move the entry back into the hole unless its home lies after the hole in the run.
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        high[hole] = high[next];
        low[hole] = low[next];
        slots[hole] = slots[next];
        hole = next;
      }
    }
    slots[hole] = FREE;
    return slot;
  }

  private int find(long h, long l) {
    int mask = slots.length - 1;
    int at = home(h, l, mask);
    while (slots[at] != FREE && (high[at] != h || low[at] != l)) {
      at = (at + 1) & mask;
    }
    return at;
  }

  private static int home(long h, long l, int mask) {
    long mixed = (h ^ (l * 0x9E3779B97F4A7C15L)) * 0xC2B2AE3D27D4EB4FL;
    return (int) (mixed ^ (mixed >>> 32)) & mask;
  }

  private void grow() {
    long[] oldHigh = high;
    long[] oldLow = low;
    int[] oldSlots = slots;
    high = new long[oldSlots.length * 2];
    low = new long[oldSlots.length * 2];
    slots = filled(oldSlots.length * 2);
    size = 0;
    for (int i = 0; i < oldSlots.length; i++) {
      if (oldSlots[i] != FREE) {
        put(new UUID(oldHigh[i], oldLow[i]), oldSlots[i]);
      }
    }
  }

  private static int[] filled(int length) {
    int[] result = new int[length];
    Arrays.fill(result, FREE);
    return result;
  }
}
