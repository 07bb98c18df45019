package io.switchboard.server.report.index;

import static io.switchboard.server.report.index.ChatScans.spread;

import io.switchboard.server.store.report.ReportIndexDao;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ticket queries of {@link io.switchboard.server.store.report.ReportQueries} as one pass over
 * {@link TicketColumns}, answering the rows and columns {@code ReportQueryDao} answers.
 *
 * <p>Stateless; callers hold the index's read lock.
 */
final class TicketScans {
  private TicketScans() {}

  /** Tickets created in the range: created, solved_now, complaints, first_response. */
  static List<Map<String, Object>> created(TicketColumns t, RowFilter filter, Groups groups,
      int complaint) {
    int n = groups.count();
    long[][] counts = new long[3][n];
    Spread[] first = new Spread[n];
    for (int slot = 0; slot < t.size; slot++) {
      long at = t.createdAt[slot];
      if (!filter.inRange(at) || !filter.ticket(t, slot)) {
        continue;
      }
      int g = groups.of(at, t.queue[slot], t.agent[slot]);
      counts[0][g]++;
      counts[1][g] += t.solvedAt[slot] != ReportIndexDao.NONE ? 1 : 0;
      counts[2][g] += t.labels[1][slot] == complaint ? 1 : 0;
      if (t.firstResponse[slot] != ChatColumns.NONE) {
        spread(first, g).add(t.firstResponse[slot]);
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int g = 0; g < n; g++) {
      if (counts[0][g] > 0) {
        Map<String, Object> row = row(groups.key(g), new String[] {"created", "solved_now",
            "complaints"}, counts, g);
        Spread.into(first[g], row, "first_response");
        rows.add(row);
      }
    }
    return rows;
  }

  /** Next responses of tickets created in the range. */
  static List<Map<String, Object>> nextResponses(TicketColumns t, RowFilter filter,
      Groups groups) {
    Spread[] spreads = new Spread[groups.count()];
    for (int slot = 0; slot < t.size; slot++) {
      long at = t.createdAt[slot];
      int[] next = t.nextResponses[slot];
      if (next.length == 0 || !filter.inRange(at) || !filter.ticket(t, slot)) {
        continue;
      }
      Spread spread = spread(spreads, groups.of(at, t.queue[slot], t.agent[slot]));
      for (int value : next) {
        spread.add(value);
      }
    }
    return ChatScans.spreadRows(spreads, groups, "next_response");
  }

  /** Tickets solved in the range: solved, reopened, first_contact, complaints, resolution. */
  static List<Map<String, Object>> solved(TicketColumns t, RowFilter filter, Groups groups,
      int complaint) {
    int n = groups.count();
    long[][] counts = new long[4][n];
    Spread[] resolution = new Spread[n];
    for (int slot = 0; slot < t.size; slot++) {
      long at = t.solvedAt[slot];
      if (at == ReportIndexDao.NONE || !filter.inRange(at) || !filter.ticket(t, slot)) {
        continue;
      }
      int g = groups.of(at, t.queue[slot], t.agent[slot]);
      boolean reopened = t.reopened[slot];
      counts[0][g]++;
      counts[1][g] += reopened ? 1 : 0;
      counts[2][g] += !reopened && t.replies[slot] <= 1 ? 1 : 0;
      counts[3][g] += t.labels[1][slot] == complaint ? 1 : 0;
      if (t.resolution[slot] != ChatColumns.NONE) {
        spread(resolution, g).add(t.resolution[slot]);
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int g = 0; g < n; g++) {
      if (counts[0][g] > 0) {
        Map<String, Object> row = row(groups.key(g), new String[] {"solved", "reopened",
            "first_contact", "complaints"}, counts, g);
        Spread.into(resolution[g], row, "resolution");
        rows.add(row);
      }
    }
    return rows;
  }

  /** Adds the tickets' ratings given in the range to {@code byScore[group][score - 1]}. */
  static void ratings(TicketColumns t, RowFilter filter, Groups groups, long[][] byScore) {
    for (int slot = 0; slot < t.size; slot++) {
      long at = t.ratedAt[slot];
      if (t.ratingScore[slot] == 0 || !filter.inRange(at) || !filter.ticket(t, slot)) {
        continue;
      }
      byScore[groups.of(at, t.queue[slot], t.agent[slot])][t.ratingScore[slot] - 1]++;
    }
  }

  private static Map<String, Object> row(String key, String[] names, long[][] counts, int g) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("g", key);
    for (int i = 0; i < names.length; i++) {
      row.put(names[i], counts[i][g]);
    }
    return row;
  }
}
