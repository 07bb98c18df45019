package io.switchboard.server.report.index;

import io.switchboard.server.store.report.ReportIndexDao;
import io.switchboard.server.store.report.ReportIndexDao.StatusRow;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Each agent's time line for the agent time report: the moments where their status or the number
 * of chats they hold changes, and between them whether they are online or away and how many
 * chats they hold, built from their status periods and the holds kept with the chat facts. A
 * query adds up a range by scanning the agent's segments in it, with the same sums as
 * {@code AgentTimeSweep}: time online and away, chats held times time online, time online with a
 * chat, and the most chats at once while online. Times are milliseconds.
 *
 * <p>Not thread-safe: {@link ReportIndex} guards it with its lock.
 */
final class AgentTimelines {
  private static final int HOLD = 0;
  private static final int ONLINE = 2;
  private static final int AWAY = 4;
  /** A status period or hold still running. */
  static final long OPEN = Long.MAX_VALUE;

  /** Status periods by id: agent number, 1 if online, from, to. */
  private final Map<Long, long[]> periods = new HashMap<>();
  private final BitSet dirty = new BitSet();
  private long[][] starts = new long[0][];
  private byte[][] modes = new byte[0][];
  private int[][] held = new int[0][];

  /** Adds or replaces a status period. */
  void put(StatusRow row, Dictionaries words) {
    int agent = words.agents.number(row.agent());
    long[] old = periods.put(row.id(), new long[] {agent, row.online() ? 1 : 0, row.from(),
        row.to() == ReportIndexDao.NONE ? OPEN : row.to()});
    if (old != null) {
      dirty.set((int) old[0]);
    }
    dirty.set(agent);
  }

  /** Forgets a status period. */
  void remove(long id) {
    long[] old = periods.remove(id);
    if (old != null) {
      dirty.set((int) old[0]);
    }
  }

  /** Marks the agent's time line as changed. */
  void touch(int agent) {
    dirty.set(agent);
  }

  /** Marks the agents of holds {@code [agent, from, to, ...]} as changed. */
  void touched(long[] holds) {
    for (int i = 0; i < holds.length; i += 3) {
      dirty.set((int) holds[i]);
    }
  }

  /** Rebuilds the time lines of the changed agents (every agent: {@code all}). */
  void rebuild(ChatColumns chats, int agents, boolean all) {
    if (all) {
      dirty.set(0, agents);
    }
    if (dirty.isEmpty()) {
      return;
    }
    if (starts.length < agents) {
      starts = Arrays.copyOf(starts, agents);
      modes = Arrays.copyOf(modes, agents);
      held = Arrays.copyOf(held, agents);
    }
    // Each edge as one long: the moment shifted left by 3, the kind and whether it ends.
    long[][] edges = new long[agents][];
    int[] counts = new int[agents];
    for (long[] period : periods.values()) {
      int agent = (int) period[0];
      if (dirty.get(agent)) {
        int kind = period[1] == 1 ? ONLINE : AWAY;
        edges[agent] = add(edges[agent], counts[agent]++, period[2] << 3 | kind);
        if (period[3] != OPEN) {
          edges[agent] = add(edges[agent], counts[agent]++, period[3] << 3 | kind | 1);
        }
      }
    }
    for (int slot = 0; slot < chats.size; slot++) {
      long[] holds = chats.holds[slot];
      for (int i = 0; holds != null && i < holds.length; i += 3) {
        int agent = (int) holds[i];
        if (dirty.get(agent)) {
          edges[agent] = add(edges[agent], counts[agent]++, holds[i + 1] << 3 | HOLD);
          if (holds[i + 2] != OPEN) {
            edges[agent] = add(edges[agent], counts[agent]++, holds[i + 2] << 3 | HOLD | 1);
          }
        }
      }
    }
    for (int agent = dirty.nextSetBit(0); agent >= 0 && agent < agents;
        agent = dirty.nextSetBit(agent + 1)) {
      build(agent, edges[agent] == null ? new long[0] : edges[agent], counts[agent]);
    }
    dirty.clear();
  }

  private void build(int agent, long[] edges, int count) {
    Arrays.sort(edges, 0, count);
    long[] at = new long[count];
    byte[] mode = new byte[count];
    int[] chats = new int[count];
    int segments = 0;
    int holding = 0;
    int online = 0;
    int away = 0;
    for (int i = 0; i < count; i++) {
      long edge = edges[i];
      int step = (edge & 1) == 0 ? 1 : -1;
      switch ((int) (edge & 6)) {
        case HOLD -> holding += step;
        case ONLINE -> online += step;
        default -> away += step;
      }
      long moment = edge >> 3;
      if (i + 1 < count && edges[i + 1] >> 3 == moment) {
        continue;
      }
      at[segments] = moment;
      mode[segments] = (byte) (online > 0 ? ONLINE : away > 0 ? AWAY : 0);
      chats[segments] = holding;
      segments++;
    }
    starts[agent] = Arrays.copyOf(at, segments);
    modes[agent] = Arrays.copyOf(mode, segments);
    held[agent] = Arrays.copyOf(chats, segments);
  }

  /** {online, away, chats times online, online with a chat, most chats} over [start, end). */
  long[] sums(int agent, long start, long end) {
    long[] sums = new long[5];
    if (agent < 0 || agent >= starts.length || starts[agent] == null) {
      return sums;
    }
    long[] at = starts[agent];
    int found = Arrays.binarySearch(at, start);
    int i = Math.max(0, found >= 0 ? found : -found - 2);
    for (; i < at.length && at[i] < end; i++) {
      long span = Math.min(end, i + 1 < at.length ? at[i + 1] : end) - Math.max(start, at[i]);
      if (span <= 0) {
        continue;
      }
      if (modes[agent][i] == ONLINE) {
        int chats = held[agent][i];
        sums[0] += span;
        sums[2] += span * chats;
        if (chats > 0) {
          sums[3] += span;
          sums[4] = Math.max(sums[4], chats);
        }
      } else if (modes[agent][i] == AWAY) {
        sums[1] += span;
      }
    }
    return sums;
  }

  private static long[] add(long[] array, int index, long value) {
    long[] result = array == null ? new long[16] : array;
    if (index == result.length) {
      result = Arrays.copyOf(result, result.length * 2);
    }
    result[index] = value;
    return result;
  }
}
