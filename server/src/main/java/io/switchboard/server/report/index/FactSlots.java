package io.switchboard.server.report.index;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
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
  private final Map<UUID, Integer> slots = new HashMap<>();
  private UUID[] ids = new UUID[0];
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
    Integer known = slots.get(id);
    if (known != null) {
      return known;
    }
    if (size == ids.length) {
      int capacity = Math.max(1024, size + (size >> 1));
      ids = Arrays.copyOf(ids, capacity);
      site = Arrays.copyOf(site, capacity);
      queue = Arrays.copyOf(queue, capacity);
      agent = Arrays.copyOf(agent, capacity);
      tags = Arrays.copyOf(tags, capacity);
      nextResponses = Arrays.copyOf(nextResponses, capacity);
      ratingScore = Arrays.copyOf(ratingScore, capacity);
      ratedAt = Arrays.copyOf(ratedAt, capacity);
      resize(capacity);
    }
    ids[size] = id;
    slots.put(id, size);
    return size++;
  }

  /** Forgets the fact, if there is one. */
  final void remove(UUID id) {
    Integer slot = slots.remove(id);
    if (slot == null) {
      return;
    }
    int last = --size;
    if (slot != last) {
      ids[slot] = ids[last];
      slots.put(ids[slot], slot);
      site[slot] = site[last];
      queue[slot] = queue[last];
      agent[slot] = agent[last];
      tags[slot] = tags[last];
      nextResponses[slot] = nextResponses[last];
      ratingScore[slot] = ratingScore[last];
      ratedAt[slot] = ratedAt[last];
      move(last, slot);
    }
    ids[last] = null;
    tags[last] = null;
    nextResponses[last] = null;
  }
}
