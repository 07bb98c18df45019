package io.switchboard.server.report;

import static io.switchboard.server.report.FigureMath.count;
import static io.switchboard.server.report.FigureMath.rate;
import static io.switchboard.server.report.FigureMath.row;
import static io.switchboard.server.report.FigureMath.spread;

import io.switchboard.server.store.report.FactFilter;
import io.switchboard.server.store.report.FactGrouping;
import io.switchboard.server.store.report.ReportListDao;
import io.switchboard.server.store.report.ReportListDao.CommentCursor;
import io.switchboard.server.store.report.ReportQueries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The reports: every figure of README "Report metrics" for a range and filter, read from the
 * report facts that {@link ReportUpdater} keeps. The overview here; trends, the heatmap and the
 * per-queue and per-agent tables in {@link ReportTables}. Callers check who may see what and
 * narrow the filter to it.
 *
 * <p>Thread-safe. Blocks on the database: call it on the store executor.
 */
public final class ReportService {
  private static final List<String> CLOCKS =
      List.of("first_response", "next_response", "initial_solution", "resolution");
  private static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");

  private final ReportQueries queries;
  private final ReportTables tables;
  private final ReportListDao lists;

  public ReportService(ReportQueries queries, ReportListDao lists) {
    this.queries = queries;
    this.tables = new ReportTables(queries);
    this.lists = lists;
  }

  /** Trends, heatmap, queue and agent tables. */
  public ReportTables tables() {
    return tables;
  }

  /** Every headline figure of the range and filter. */
  public Overview overview(ReportFilter filter) {
    FactFilter facts = filter.facts();
    FactGrouping total = FactGrouping.TOTAL;
    ChatFigures chats = chats(row(queries.chats(facts, total), ""),
        row(queries.chatNextResponses(facts, total), ""));
    Map<String, Object> created = row(queries.ticketsCreated(facts, total), "");
    Map<String, Object> solved = row(queries.ticketsSolved(facts, total), "");
    TicketFigures tickets = tickets(created, row(queries.ticketNextResponses(facts, total), ""),
        solved);
    CsatFigures csat = csat(queries.ratings(facts, total), "",
        chats.resolved() + tickets.solved());
    return new Overview(filter.from(), filter.to(), filter.zone().getId(), chats, tickets, csat,
        sla(filter));
  }

  /** SLA attainment per clock and priority, for clocks that stopped in the range. */
  public List<SlaAttainment> sla(ReportFilter filter) {
    return sla(queries.slaClocks(filter.facts(), FactGrouping.TOTAL), "");
  }

  static ChatFigures chats(Map<String, Object> row, Map<String, Object> next) {
    long started = count(row, "started");
    long resolved = count(row, "resolved");
    return new ChatFigures(started, count(row, "answered"), count(row, "missed"),
        rate(count(row, "missed"), started), spread(row, "abandoned_wait"),
        spread(row, "queue_wait"), spread(row, "first_response"), spread(next, "next_response"),
        spread(row, "handle"), spread(row, "resolution"), count(row, "transfers"), resolved,
        rate(resolved, started), rate(count(row, "first_contact"), resolved),
        rate(count(row, "reopened"), resolved));
  }

  static TicketFigures tickets(Map<String, Object> created, Map<String, Object> next,
      Map<String, Object> solved) {
    long createdCount = count(created, "created");
    long solvedCount = count(solved, "solved");
    return new TicketFigures(createdCount, solvedCount,
        rate(count(created, "solved_now"), createdCount), spread(created, "first_response"),
        spread(next, "next_response"), spread(solved, "resolution"), count(solved, "reopened"),
        rate(count(solved, "reopened"), solvedCount),
        rate(count(solved, "first_contact"), solvedCount), count(created, "complaints"),
        count(solved, "complaints"));
  }

  /** The satisfaction of one group of rating rows (g, score, n); {@code asked}: rateable. */
  static CsatFigures csat(List<Map<String, Object>> rows, String key, long asked) {
    long[] byScore = new long[5];
    for (Map<String, Object> rated : rows) {
      if (key.equals(rated.get("g"))) {
        byScore[((Number) rated.get("score")).intValue() - 1] += count(rated, "n");
      }
    }
    long ratings = 0;
    long sum = 0;
    for (int score = 1; score <= 5; score++) {
      ratings += byScore[score - 1];
      sum += score * byScore[score - 1];
    }
    return new CsatFigures(ratings, rate(ratings, asked), rate(byScore[3] + byScore[4], ratings),
        ratings == 0 ? null : (double) sum / ratings,
        List.of(byScore[0], byScore[1], byScore[2], byScore[3], byScore[4]));
  }

  /** SLA attainment of one group of clock rows (g, metric, priority, measured, breached). */
  static List<SlaAttainment> sla(List<Map<String, Object>> rows, String key) {
    List<SlaAttainment> result = new ArrayList<>();
    for (Map<String, Object> clock : rows) {
      if (key.equals(clock.get("g"))) {
        long measured = count(clock, "measured");
        long breached = count(clock, "breached");
        result.add(new SlaAttainment("ticket", (String) clock.get("metric"),
            (String) clock.get("priority"), measured, measured - breached, breached,
            rate(measured - breached, measured)));
      }
    }
    result.sort(Comparator.comparing((SlaAttainment s) -> CLOCKS.indexOf(s.clock()))
        .thenComparing(s -> PRIORITIES.indexOf(s.priority())));
    return result;
  }

  /**
   * The satisfaction of the range with the comments of its ratings, newest first, {@code limit}
   * per page after {@code cursor} (null: the first page).
   */
  public CsatPage csat(ReportFilter filter, int limit, CommentCursor cursor) {
    FactFilter facts = filter.facts();
    long asked = count(row(queries.chats(facts, FactGrouping.TOTAL), ""), "resolved")
        + count(row(queries.ticketsSolved(facts, FactGrouping.TOTAL), ""), "solved");
    CsatFigures summary = csat(queries.ratings(facts, FactGrouping.TOTAL), "", asked);
    List<Map<String, Object>> rows = lists.comments(facts, cursor, limit + 1);
    List<Map<String, Object>> page = rows.subList(0, Math.min(limit, rows.size()));
    List<UUID> agents = page.stream().map(found -> (UUID) found.get("agent_id"))
        .filter(java.util.Objects::nonNull).distinct().toList();
    Map<UUID, String> names = new HashMap<>();
    queries.userNames(agents).forEach(user ->
        names.put((UUID) user.get("id"), (String) user.get("display_name")));
    List<CsatPage.Comment> comments = new ArrayList<>();
    for (Map<String, Object> found : page) {
      UUID agent = (UUID) found.get("agent_id");
      comments.add(new CsatPage.Comment((UUID) found.get("conversation_id"),
          (UUID) found.get("ticket_id"), (Long) found.get("ticket_number"),
          ((Number) found.get("score")).intValue(), (String) found.get("comment"),
          ((java.sql.Timestamp) found.get("at")).toInstant(), agent,
          agent == null ? null : names.get(agent), (String) found.get("queue_id")));
    }
    CommentCursor next = null;
    if (rows.size() > limit && !comments.isEmpty()) {
      CsatPage.Comment last = comments.get(comments.size() - 1);
      next = new CommentCursor(last.at(),
          last.conversationId() != null ? last.conversationId() : last.ticketId());
    }
    return new CsatPage(summary, comments, next);
  }

  /** What waits and runs now in these queues (null: all): queued, longest_wait, active. */
  public Map<String, Object> live(java.util.Set<String> queues, java.time.Instant now) {
    return lists.live(queues, now);
  }

  /** Whether the user is a member of the team. */
  public boolean teamMember(String teamId, UUID userId) {
    return lists.teamMember(teamId, userId);
  }

  /** Enabled staff of these queues (null: all), whose presence the live figures count. */
  public List<UUID> staff(java.util.Set<String> queues) {
    return lists.staff(queues);
  }
}
