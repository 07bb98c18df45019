package io.switchboard.server.report.index;

import io.switchboard.server.store.report.FactGrouping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chat queries of {@link io.switchboard.server.store.report.ReportQueries} as one pass over
 * {@link ChatColumns}, answering the rows and columns {@code ReportQueryDao} answers.
 *
 * <p>Stateless; callers hold the index's read lock.
 */
final class ChatScans {
  private static final String[] DURATIONS =
      {"abandoned_wait", "queue_wait", "first_response", "handle", "resolution"};

  private ChatScans() {}

  static List<Map<String, Object>> chats(ChatColumns c, RowFilter filter, Groups groups) {
    int n = groups.count();
    long[][] counts = new long[7][n];
    Spread[][] spreads = new Spread[DURATIONS.length][n];
    for (int slot = 0; slot < c.size; slot++) {
      long at = c.startedAt[slot];
      if (!filter.inRange(at) || !filter.chat(c, slot)) {
        continue;
      }
      int g = groups.of(at, c.queue[slot], c.agent[slot]);
      int flags = c.flags[slot];
      boolean resolved = (flags & ChatColumns.RESOLVED) != 0;
      boolean returned = (flags & ChatColumns.RETURNED) != 0;
      counts[0][g]++;
      counts[1][g] += (flags & ChatColumns.ANSWERED) != 0 ? 1 : 0;
      counts[2][g] += (flags & ChatColumns.MISSED) != 0 ? 1 : 0;
      counts[3][g] += resolved ? 1 : 0;
      counts[4][g] += c.transfers[slot];
      counts[5][g] += resolved && !returned && c.transfers[slot] == 0 ? 1 : 0;
      counts[6][g] += resolved && returned ? 1 : 0;
      for (int d = 0; d < DURATIONS.length; d++) {
        int value = c.durations[d][slot];
        if (value != ChatColumns.NONE) {
          spread(spreads[d], g).add(value);
        }
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int g = 0; g < n; g++) {
      if (counts[0][g] == 0) {
        continue;
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("g", groups.key(g));
      String[] names = {"started", "answered", "missed", "resolved", "transfers",
          "first_contact", "reopened"};
      for (int i = 0; i < names.length; i++) {
        row.put(names[i], counts[i][g]);
      }
      for (int d = 0; d < DURATIONS.length; d++) {
        Spread.into(spreads[d][g], row, DURATIONS[d]);
      }
      rows.add(row);
    }
    return rows;
  }

  static List<Map<String, Object>> nextResponses(ChatColumns c, RowFilter filter,
      Groups groups) {
    Spread[] spreads = new Spread[groups.count()];
    for (int slot = 0; slot < c.size; slot++) {
      long at = c.startedAt[slot];
      int[] next = c.nextResponses[slot];
      if (next.length == 0 || !filter.inRange(at) || !filter.chat(c, slot)) {
        continue;
      }
      Spread spread = spread(spreads, groups.of(at, c.queue[slot], c.agent[slot]));
      for (int value : next) {
        spread.add(value);
      }
    }
    return spreadRows(spreads, groups, "next_response");
  }

  static List<Map<String, Object>> transfersOut(ChatColumns c, RowFilter filter,
      Dictionaries words) {
    long[] counts = new long[words.actors.size()];
    for (int slot = 0; slot < c.size; slot++) {
      if (c.transferredBy[slot].length == 0 || !filter.inRange(c.startedAt[slot])
          || !filter.chat(c, slot)) {
        continue;
      }
      for (int actor : c.transferredBy[slot]) {
        counts[actor]++;
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int actor = 0; actor < counts.length; actor++) {
      if (counts[actor] > 0) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("g", words.actors.value(actor));
        row.put("transfers", counts[actor]);
        rows.add(row);
      }
    }
    return rows;
  }

  /** Adds the chats' ratings given in the range to {@code byScore[group][score - 1]}. */
  static void ratings(ChatColumns c, RowFilter filter, Groups groups, long[][] byScore) {
    for (int slot = 0; slot < c.size; slot++) {
      long at = c.ratedAt[slot];
      if (c.ratingScore[slot] == 0 || !filter.inRange(at) || !filter.chat(c, slot)) {
        continue;
      }
      byScore[groups.of(at, c.queue[slot], c.agent[slot])][c.ratingScore[slot] - 1]++;
    }
  }

  static Spread spread(Spread[] spreads, int group) {
    Spread spread = spreads[group];
    if (spread == null) {
      spread = new Spread();
      spreads[group] = spread;
    }
    return spread;
  }

  /** One row per group with at least one value: {@code g} and the spread of {@code name}. */
  static List<Map<String, Object>> spreadRows(Spread[] spreads, Groups groups, String name) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int g = 0; g < spreads.length; g++) {
      if (spreads[g] != null && !spreads[g].isEmpty()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("g", groups.key(g));
        spreads[g].into(row, name);
        rows.add(row);
      }
    }
    return rows;
  }

  /** Rating rows (g, score, n) of the counts per group and score. */
  static List<Map<String, Object>> ratingRows(long[][] byScore, Groups groups) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int g = 0; g < byScore.length; g++) {
      for (int score = 1; score <= 5; score++) {
        if (byScore[g][score - 1] > 0) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("g", groups.key(g));
          row.put("score", score);
          row.put("n", byScore[g][score - 1]);
          rows.add(row);
        }
      }
    }
    return rows;
  }
}
