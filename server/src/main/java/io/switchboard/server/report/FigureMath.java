package io.switchboard.server.report;

import java.util.List;
import java.util.Map;

/**
 * Reads figures out of the store's rows: counts, duration spreads ({@code x_n, x_avg, x_p50,
 * x_p90}) and rates.
 *
 * <p>Stateless and thread-safe.
 */
final class FigureMath {
  private FigureMath() {}

  /** The row whose group key is {@code key}, or an empty row. */
  static Map<String, Object> row(List<Map<String, Object>> rows, String key) {
    for (Map<String, Object> row : rows) {
      if (key.equals(row.get("g"))) {
        return row;
      }
    }
    return Map.of();
  }

  static long count(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null ? 0 : ((Number) value).longValue();
  }

  static Distribution spread(Map<String, Object> row, String name) {
    long count = count(row, name + "_n");
    if (count == 0) {
      return Distribution.EMPTY;
    }
    return new Distribution(count, ((Number) row.get(name + "_avg")).doubleValue(),
        ((Number) row.get(name + "_p50")).longValue(), ((Number) row.get(name + "_p90")).longValue());
  }

  /** {@code part / whole}, null when whole is zero. */
  static Double rate(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
