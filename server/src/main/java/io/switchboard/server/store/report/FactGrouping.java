package io.switchboard.server.store.report;

/**
 * How a report query groups its facts, as the SQL of the group key {@code g}: everything in one
 * group, by time bucket (day, week or month in a time zone, keyed by the bucket's first local
 * date; by hour of week as {@code isodow * 100 + hour}), by queue or by agent.
 *
 * <p>Immutable, thread-safe.
 */
public record FactGrouping(Kind kind, String unit, String zone) {
  /** The kinds of grouping. */
  public enum Kind { TOTAL, BUCKET, HOUR_OF_WEEK, QUEUE, AGENT }

  public static final FactGrouping TOTAL = new FactGrouping(Kind.TOTAL, null, null);
  public static final FactGrouping QUEUE = new FactGrouping(Kind.QUEUE, null, null);
  public static final FactGrouping AGENT = new FactGrouping(Kind.AGENT, null, null);

  public FactGrouping {
    if (kind == Kind.BUCKET && !(unit.equals("day") || unit.equals("week")
        || unit.equals("month"))) {
      throw new IllegalArgumentException("unit " + unit);
    }
  }

  /** Buckets of {@code unit} (day, week from Monday, month) in the IANA zone. */
  public static FactGrouping buckets(String unit, String zone) {
    return new FactGrouping(Kind.BUCKET, unit, zone);
  }

  /** Cells of the week by ISO weekday and hour in the IANA zone. */
  public static FactGrouping hourOfWeek(String zone) {
    return new FactGrouping(Kind.HOUR_OF_WEEK, null, zone);
  }

  /**
   * The group key's SQL for rows whose time is {@code timeColumn}, queue {@code alias.queue_id}
   * and agent {@code agentColumn}. The zone is bound as {@code :g_zone}.
   */
  String key(String alias, String timeColumn, String agentColumn) {
    return switch (kind) {
      case TOTAL -> "''";
      case BUCKET -> "CAST(date_trunc('" + unit + "', " + timeColumn
          + " AT TIME ZONE :g_zone) AS date)::text";
      case HOUR_OF_WEEK -> "(extract(isodow FROM " + timeColumn + " AT TIME ZONE :g_zone) * 100"
          + " + extract(hour FROM " + timeColumn + " AT TIME ZONE :g_zone))::int::text";
      case QUEUE -> alias + ".queue_id";
      case AGENT -> agentColumn + "::text";
    };
  }

  /** The zone to bind as {@code :g_zone} (UTC when the grouping has none). */
  String zoneOrUtc() {
    return zone == null ? "UTC" : zone;
  }
}
