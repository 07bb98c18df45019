package io.switchboard.server.report.index;

import io.switchboard.server.store.report.ReportIndexDao;
import io.switchboard.server.store.report.ReportIndexDao.ChatRow;
import java.util.Arrays;

/**
 * The chat facts of the report index, one array per column and one slot per conversation: times
 * in microseconds, durations in seconds with {@link #NONE} for null, sites, queues, agents, tags
 * and transferring actors as {@link Dictionary} numbers. A changed fact overwrites its slot; a
 * gone one takes the last slot's row.
 *
 * <p>Not thread-safe: {@link ReportIndex} guards it with its lock.
 */
final class ChatColumns extends FactSlots {
  static final int[] NO_INTS = new int[0];
  /** A missing duration. */
  static final int NONE = -1;
  static final int ANSWERED = 1;
  static final int MISSED = 2;
  static final int RESOLVED = 4;
  static final int RETURNED = 8;

  long[] startedAt = new long[0];
  byte[] flags = new byte[0];
  /** The chats' holds as {agent number, from, to, ...} in milliseconds, to OPEN while held. */
  long[][] holds = new long[0][];
  int[] transfers = NO_INTS;
  int[][] transferredBy = new int[0][];
  /** abandoned wait, queue wait, first response, handle, resolution: [column][slot]. */
  int[][] durations = new int[5][0];

  /** Adds or replaces the conversation's fact. */
  void put(ChatRow row, Dictionaries words) {
    int slot = slot(row.id());
    share(slot, words, row.site(), row.queue(), row.agent(), row.tags(), row.nextResponses(),
        row.ratingScore(), row.ratedAt());
    startedAt[slot] = row.startedAt();
    flags[slot] = (byte) ((row.answered() ? ANSWERED : 0) | (row.missed() ? MISSED : 0)
        | (row.resolved() ? RESOLVED : 0) | (row.returned() ? RETURNED : 0));
    transfers[slot] = row.transfers();
    transferredBy[slot] = words.actors.numbers(row.transferredBy());
    durations[0][slot] = seconds(row.abandonedWait());
    durations[1][slot] = seconds(row.queueWait());
    durations[2][slot] = seconds(row.firstResponse());
    durations[3][slot] = seconds(row.handle());
    durations[4][slot] = seconds(row.resolution());
  }

  @Override
  void move(int from, int to) {
    startedAt[to] = startedAt[from];
    flags[to] = flags[from];
    holds[to] = holds[from];
    transfers[to] = transfers[from];
    transferredBy[to] = transferredBy[from];
    for (int[] column : durations) {
      column[to] = column[from];
    }
  }

  @Override
  void resize(int capacity) {
    startedAt = Arrays.copyOf(startedAt, capacity);
    flags = Arrays.copyOf(flags, capacity);
    holds = Arrays.copyOf(holds, capacity);
    transfers = Arrays.copyOf(transfers, capacity);
    transferredBy = Arrays.copyOf(transferredBy, capacity);
    for (int i = 0; i < durations.length; i++) {
      durations[i] = Arrays.copyOf(durations[i], capacity);
    }
  }

  /** Adds a hold to the chat in {@code slot}. */
  void hold(int slot, int agent, long from, long to) {
    long[] old = holds[slot];
    long[] now = old == null ? new long[3] : Arrays.copyOf(old, old.length + 3);
    now[now.length - 3] = agent;
    now[now.length - 2] = from;
    now[now.length - 1] = to;
    holds[slot] = now;
  }

  /** A duration in seconds as stored: {@link #NONE} for null. */
  static int seconds(long value) {
    return value == ReportIndexDao.NONE ? NONE : Math.toIntExact(value);
  }

  static int[] seconds(long[] values) {
    if (values.length == 0) {
      return NO_INTS;
    }
    int[] result = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = Math.toIntExact(values[i]);
    }
    return result;
  }
}
