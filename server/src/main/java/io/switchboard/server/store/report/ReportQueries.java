package io.switchboard.server.store.report;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The report queries, answered as rows of maps keyed by column and grouped by a
 * {@link FactGrouping} (column {@code g}), in the shape {@link ReportQueryDao} documents. Two
 * answer them: {@link ReportQueryDao} in SQL over the fact tables, and the node's in-memory
 * report index, which must answer exactly the same rows.
 *
 * <p>Implementations are thread-safe.
 */
public interface ReportQueries {
  /** Chats started in the range: volumes, waits, responses, handle and resolution times. */
  List<Map<String, Object>> chats(FactFilter filter, FactGrouping grouping);

  /** Next responses of chats started in the range (groups with at least one). */
  List<Map<String, Object>> chatNextResponses(FactFilter filter, FactGrouping grouping);

  /** Agents who transferred chats started in the range, with how many each (column g). */
  List<Map<String, Object>> transfersOut(FactFilter filter);

  /** Tickets created in the range: how many, how many solved now, complaints, responses. */
  List<Map<String, Object>> ticketsCreated(FactFilter filter, FactGrouping grouping);

  /** Next responses of tickets created in the range (groups with at least one). */
  List<Map<String, Object>> ticketNextResponses(FactFilter filter, FactGrouping grouping);

  /** Tickets solved in the range (by their latest solve). */
  List<Map<String, Object>> ticketsSolved(FactFilter filter, FactGrouping grouping);

  /** Ratings given in the range, counted per group and score (columns g, score, n). */
  List<Map<String, Object>> ratings(FactFilter filter, FactGrouping grouping);

  /** SLA clocks that stopped in the range (columns g, metric, priority, measured, breached). */
  List<Map<String, Object>> slaClocks(FactFilter filter, FactGrouping grouping);

  /** Every queue (id, name, team_id). */
  List<Map<String, Object>> queueNames();

  /** Users by id (id, display_name). */
  List<Map<String, Object>> userNames(List<UUID> ids);
}
