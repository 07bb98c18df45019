package io.switchboard.server.report;

import io.switchboard.server.store.report.FactFilter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a report covers: local dates {@code from} to {@code to} (both included) in {@code zone},
 * and the optional filters (null when not given; {@code tags} matches any). {@code scopeQueues}
 * limits a supervisor to their teams' queues; null means no limit. The availability probe's site
 * ({@link #PROBE_SITE}) is never in a report.
 *
 * <p>Immutable, thread-safe.
 */
public record ReportFilter(LocalDate from, LocalDate to, ZoneId zone, String site, String team,
    String queue, UUID agent, String channel, String type, String priority, List<String> tags,
    Set<String> scopeQueues) {
  /** The availability probe's site, left out of every report. */
  public static final String PROBE_SITE = "switchboard-probe";

  /** The longest range a report covers, in days. */
  public static final int MAX_DAYS = 731;

  public ReportFilter {
    tags = tags == null ? List.of() : List.copyOf(tags);
    scopeQueues = scopeQueues == null ? null : Set.copyOf(scopeQueues);
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to is before from");
    }
  }

  /** A filter on the range only, for everything. */
  public static ReportFilter all(LocalDate from, LocalDate to, ZoneId zone) {
    return new ReportFilter(from, to, zone, null, null, null, null, null, null, null, null, null);
  }

  /** The same filters over another range. */
  public ReportFilter between(LocalDate start, LocalDate end) {
    return new ReportFilter(start, end, zone, site, team, queue, agent, channel, type, priority,
        tags, scopeQueues);
  }

  /** The same filters for one site. */
  public ReportFilter forSite(String siteId) {
    return new ReportFilter(from, to, zone, siteId, team, queue, agent, channel, type, priority,
        tags, scopeQueues);
  }

  /** The store's filter: the range as instants from the start of {@code from} to after {@code to}. */
  FactFilter facts() {
    return new FactFilter(from.atStartOfDay(zone).toInstant(),
        to.plusDays(1).atStartOfDay(zone).toInstant(), site, team, scopeQueues, queue, agent,
        channel, type, priority, tags);
  }
}
