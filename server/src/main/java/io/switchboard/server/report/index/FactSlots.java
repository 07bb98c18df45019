package io.switchboard.server.report.index;

import java.util.Arrays;
import java.util.UUID;

/**
 * One slot per fact, by id, for the column stores of the report index, and the columns chats and
 * tickets share: site, queue, agent (a ticket's assignee), tags, next responses and the rating. A
 * new fact takes the next slot (the columns grow by half when full), a gone one's slot takes the
 * last slot's row, so slots 0..{@link #size}-1 are always the facts there are.
 *
 * <p>Not thread-safe: {@link ReportIndex} guards it with its lock.
 */
abstract class FactSlots {
  private final IdSlots slots = new IdSlots();
  private long[] idHigh = new long[0];
  private long[] idLow = new long[0];
  int size;
  int[] site = ChatColumns.NO_INTS;
  int[] queue = ChatColumns.NO_INTS;
  int[] agent = ChatColumns.NO_INTS;
  int[][] tags = new int[0][];
  int[][] nextResponses = new int[0][];
  byte[] ratingScore = new byte[0];
  long[] ratedAt = new long[0];

  /** Gives the store's own columns {@code capacity} slots, keeping the first {@link #size}. */
  abstract void resize(int capacity);

  /** Copies the row of slot {@code from} into slot {@code to} in the store's own columns. */
  abstract void move(int from, int to);

  /** Sets the shared columns of {@code slot}. */
  final void share(int slot, Dictionaries words, String siteId, String queueId, UUID agentId,
      String[] tagNames, long[] next, int score, long rated) {
    site[slot] = words.sites.number(siteId);
    queue[slot] = words.queues.number(queueId);
    agent[slot] = words.agents.number(agentId);
    tags[slot] = words.tags.numbers(tagNames);
    nextResponses[slot] = ChatColumns.seconds(next);
    ratingScore[slot] = (byte) score;
    ratedAt[slot] = rated;
  }

  /** The fact's slot: its own, or a new one at the end. */
  final int slot(UUID id) {
    int known = slots.get(id);
    if (known >= 0) {
      return known;
    }
    if (size == idHigh.length) {
      int capacity = Math.max(1024, size + (size >> 1));
      idHigh = Arrays.copyOf(idHigh, capacity);
      idLow = Arrays.copyOf(idLow, capacity);
      site = Arrays.copyOf(site, capacity);
      queue = Arrays.copyOf(queue, capacity);
      agent = Arrays.copyOf(agent, capacity);
      tags = Arrays.copyOf(tags, capacity);
      nextResponses = Arrays.copyOf(nextResponses, capacity);
      ratingScore = Arrays.copyOf(ratingScore, capacity);
      ratedAt = Arrays.copyOf(ratedAt, capacity);
      resize(capacity);
    }
    idHigh[size] = id.getMostSignificantBits();
    idLow[size] = id.getLeastSignificantBits();
    slots.put(id, size);
    return size++;
  }

  /** The fact's slot, or -1. */
  final int slotOf(UUID id) {
    return slots.get(id);
  }

  /** Forgets the fact, if there is one. */
  final void remove(UUID id) {
    int slot = slots.remove(id);
    if (slot < 0) {
      return;
    }
    int last = --size;
    if (slot != last) {
      idHigh[slot] = idHigh[last];
      idLow[slot] = idLow[last];
      slots.put(new UUID(idHigh[slot], idLow[slot]), slot);
      site[slot] = site[last];
      queue[slot] = queue[last];
      agent[slot] = agent[last];
      tags[slot] = tags[last];
      nextResponses[slot] = nextResponses[last];
      ratingScore[slot] = ratingScore[last];
      ratedAt[slot] = ratedAt[last];
      move(last, slot);
    }
    tags[last] = null;
    nextResponses[last] = null;
  }
}
