package io.switchboard.server.report;

import static io.switchboard.server.report.FigureMath.count;
import static io.switchboard.server.report.FigureMath.rate;
import static io.switchboard.server.report.FigureMath.row;
import static io.switchboard.server.report.FigureMath.spread;

import io.switchboard.server.store.report.FactFilter;
import io.switchboard.server.store.report.FactGrouping;
import io.switchboard.server.store.report.ReportQueries;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The report tables: a trend over day, week or month buckets, the heatmap by hour of week, and
 * the per-queue and per-agent tables, each over the same facts as the overview.
 *
 * <p>Thread-safe. Blocks on the database: call it on the store executor.
 */
public final class ReportTables {
  /** One bucket of a trend, starting on {@code start} (weeks start Monday). */
  public record TrendBucket(LocalDate start, long chatsStarted, long chatsAnswered,
      long chatsMissed, long ticketsCreated, long ticketsSolved, Long firstResponseMedian,
      Long firstResponseP90, Long resolutionMedian, Long resolutionP90, Double satisfiedRate,
      Double slaAttainment) {}

  /** One hour of the week: ISO weekday (1 = Monday), hour 0-23, and the count. */
  public record HeatCell(int weekday, int hour, long count) {}

  /** One queue's figures. */
  public record QueueRow(String queueId, String queueName, String teamId, long started,
      long answered, long missed, Distribution queueWait, Distribution abandonedWait,
      Distribution firstResponse, Distribution handle, long transfers, long ratings,
      Double satisfiedRate, long ticketsCreated, long ticketsSolved) {}

  /** One agent's figures. */
  public record AgentRow(String agentId, String name, long chats, long tickets,
      long ticketsSolved, Distribution firstResponse, Distribution handle, long transfersOut,
      long ratings, Double satisfiedRate, Double csatAverage) {}

  private final ReportQueries queries;

  ReportTables(ReportQueries queries) {
    this.queries = queries;
  }

  /** Every bucket of the range, in order, empty ones with zeros and nulls. */
  public List<TrendBucket> trend(ReportFilter filter, String interval) {
    FactFilter facts = filter.facts();
    FactGrouping by = FactGrouping.buckets(interval, filter.zone().getId());
    var chats = queries.chats(facts, by);
    var created = queries.ticketsCreated(facts, by);
    var solved = queries.ticketsSolved(facts, by);
    var ratings = queries.ratings(facts, by);
    var clocks = queries.slaClocks(facts, by);
    List<TrendBucket> buckets = new ArrayList<>();
    for (LocalDate start = bucketStart(filter.from(), interval); !start.isAfter(filter.to());
        start = next(start, interval)) {
      String key = start.toString();
      Map<String, Object> chat = row(chats, key);
      Map<String, Object> solve = row(solved, key);
      Distribution first = spread(chat, "first_response");
      Distribution resolution = spread(solve, "resolution");
      long measured = 0;
      long met = 0;
      for (SlaAttainment sla : ReportService.sla(clocks, key)) {
        measured += sla.measured();
        met += sla.met();
      }
      buckets.add(new TrendBucket(start, count(chat, "started"), count(chat, "answered"),
          count(chat, "missed"), count(row(created, key), "created"), count(solve, "solved"),
          first.median(), first.p90(), resolution.median(), resolution.p90(),
          ReportService.csat(ratings, key, 0).satisfiedRate(), rate(met, measured)));
    }
    return buckets;
  }

  /** All 168 cells of the week, Monday 0:00 first; {@code measure}: started, answered, missed. */
  public List<HeatCell> heatmap(ReportFilter filter, String measure) {
    if (!List.of("started", "answered", "missed").contains(measure)) {
      throw new IllegalArgumentException("measure " + measure);
    }
    var cells = queries.chats(filter.facts(), FactGrouping.hourOfWeek(filter.zone().getId()));
    List<HeatCell> result = new ArrayList<>();
    for (int weekday = 1; weekday <= 7; weekday++) {
      for (int hour = 0; hour < 24; hour++) {
        result.add(new HeatCell(weekday, hour,
            count(row(cells, Integer.toString(weekday * 100 + hour)), measure)));
      }
    }
    return result;
  }

  /** One row per queue with chats, ratings or tickets in the range, by queue name. */
  public List<QueueRow> queues(ReportFilter filter) {
    FactFilter facts = filter.facts();
    var chats = queries.chats(facts, FactGrouping.QUEUE);
    var ratings = queries.ratings(facts, FactGrouping.QUEUE);
    var created = queries.ticketsCreated(facts, FactGrouping.QUEUE);
    var solved = queries.ticketsSolved(facts, FactGrouping.QUEUE);
    TreeSet<String> ids = keys(chats, ratings, created, solved);
    Map<String, Map<String, Object>> names = new LinkedHashMap<>();
    queries.queueNames().forEach(queue -> names.put((String) queue.get("id"), queue));
    List<QueueRow> rows = new ArrayList<>();
    for (String id : ids) {
      Map<String, Object> chat = row(chats, id);
      Map<String, Object> name = names.getOrDefault(id, Map.of());
      CsatFigures csat = ReportService.csat(ratings, id, 0);
      rows.add(new QueueRow(id, (String) name.get("name"), (String) name.get("team_id"),
          count(chat, "started"), count(chat, "answered"), count(chat, "missed"),
          spread(chat, "queue_wait"), spread(chat, "abandoned_wait"),
          spread(chat, "first_response"), spread(chat, "handle"), count(chat, "transfers"),
          csat.ratings(), csat.satisfiedRate(), count(row(created, id), "created"),
          count(row(solved, id), "solved")));
    }
    rows.sort(java.util.Comparator.comparing((QueueRow q) -> q.queueName() == null ? ""
        : q.queueName()).thenComparing(QueueRow::queueId));
    return rows;
  }

  /** One row per agent with chats, tickets, transfers or ratings in the range, by name. */
  public List<AgentRow> agents(ReportFilter filter) {
    FactFilter facts = filter.facts();
    var chats = queries.chats(facts, FactGrouping.AGENT);
    var ratings = queries.ratings(facts, FactGrouping.AGENT);
    var created = queries.ticketsCreated(facts, FactGrouping.AGENT);
    var solved = queries.ticketsSolved(facts, FactGrouping.AGENT);
    var transfers = queries.transfersOut(facts);
    TreeSet<String> ids = keys(chats, ratings, created, solved, transfers);
    ids.removeIf(id -> !isUuid(id) || (filter.agent() != null
        && !filter.agent().toString().equals(id)));
    Map<String, String> names = new LinkedHashMap<>();
    queries.userNames(ids.stream().map(UUID::fromString).toList())
        .forEach(user -> names.put(user.get("id").toString(), (String) user.get("display_name")));
    List<AgentRow> rows = new ArrayList<>();
    for (String id : ids) {
      Map<String, Object> chat = row(chats, id);
      CsatFigures csat = ReportService.csat(ratings, id, 0);
      rows.add(new AgentRow(id, names.get(id), count(chat, "started"),
          count(row(created, id), "created"), count(row(solved, id), "solved"),
          spread(chat, "first_response"), spread(chat, "handle"),
          count(row(transfers, id), "transfers"), csat.ratings(), csat.satisfiedRate(),
          csat.average()));
    }
    rows.sort(java.util.Comparator.comparing((AgentRow a) -> a.name() == null ? "" : a.name())
        .thenComparing(AgentRow::agentId));
    return rows;
  }

  @SafeVarargs
  private static TreeSet<String> keys(List<Map<String, Object>>... lists) {
    TreeSet<String> keys = new TreeSet<>();
    for (List<Map<String, Object>> list : lists) {
      list.forEach(found -> {
        if (found.get("g") != null) {
          keys.add((String) found.get("g"));
        }
      });
    }
    return keys;
  }

  private static boolean isUuid(String text) {
    try {
      UUID.fromString(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static LocalDate bucketStart(LocalDate date, String interval) {
    return switch (interval) {
      case "day" -> date;
      case "week" -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case "month" -> date.withDayOfMonth(1);
      default -> throw new IllegalArgumentException("interval " + interval);
    };
  }

  private static LocalDate next(LocalDate start, String interval) {
    return switch (interval) {
      case "day" -> start.plusDays(1);
      case "week" -> start.plusWeeks(1);
      default -> start.plusMonths(1);
    };
  }
}
