package io.switchboard.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.report.RawHistory.Chat;
import io.switchboard.server.report.RawHistory.Rating;
import io.switchboard.server.report.RawHistory.Ticket;
import io.switchboard.server.report.index.ReportIndex;
import io.switchboard.server.store.report.ReportFactDao;
import io.switchboard.server.store.report.ReportIndexDao;
import io.switchboard.server.store.report.ReportListDao;
import io.switchboard.server.store.report.ReportQueryDao;
import io.switchboard.server.testing.StoreFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The report facts are derived data, so every report figure is proven against a from-scratch
 * computation ({@link ReportTruth} over {@link RawHistory}): randomized, seeded histories with
 * chats queued, assigned, requeued, transferred, answered or abandoned, closed and rated, and
 * tickets replied to, solved, reopened, closed and merged with SLA clocks, plus probe traffic
 * that must not count. After the backfill, and again after more history arrives (late events,
 * messages of now, reopens, a contact merge, new chats and tickets) and the updater's
 * incremental pass, the overview under many filters, the trends by day, week and month in
 * Asia/Shanghai, the heatmap, the queue and agent tables, SLA attainment and the rating comments
 * page by page all equal the truth: answered in SQL over the facts and by the node's in-memory
 * report index, loaded after the backfill and following the changes of the later passes.
 */
class ReportTruthTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void everyFigureEqualsTheTruthAfterTheBackfillAndAfterIncrementalPasses(long seed) {
    Database database = Database.open(new DatabaseSettings(StoreFixture.freshDatabaseUrl(), 4,
        Duration.ofSeconds(10), Duration.ofSeconds(30)));
    try {
      Jdbi jdbi = database.jdbi();
      Instant now = jdbi.withHandle(h -> h.createQuery("SELECT now()").mapTo(Instant.class).one());
      RandomHistory history = new RandomHistory(seed);
      UUID returning = jdbi.inTransaction(handle -> {
        history.setUp(handle);
        return history.closedChat(handle, null, Duration.ofHours(6), now);
      });
      jdbi.useTransaction(handle -> {
        history.chats(handle, 160, now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(3)),
            now);
        history.tickets(handle, 90, now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(3)));
      });
      // A margin of 20 events: the returning contact's first chat lies far before it.
      ReportUpdater updater = new ReportUpdater(new ReportFactDao(jdbi), Clock.systemUTC(),
          Duration.ofSeconds(5), 20);
      assertThat(updater.runOnce().backfill()).isTrue();
      ReportQueryDao sql = new ReportQueryDao(jdbi);
      ReportIndex index = new ReportIndex(new ReportIndexDao(jdbi), sql);
      assertThat(index.load()[0]).isPositive();
      // In SQL over the facts, and from the node's index, which follows the changes.
      List<ReportService> services = List.of(new ReportService(sql, new ReportListDao(jdbi)),
          new ReportService(index, new ReportListDao(jdbi)));
      for (ReportService service : services) {
        compareEverything(service, jdbi, history, now);
      }
      assertThat(returned(jdbi, returning)).isFalse();
      jdbi.useTransaction(handle -> {
        history.change(handle, now);
        // The contact comes back five hours after their chat: that chat's fact changes too.
        history.closedChat(handle, returning, Duration.ofHours(1), now);
      });
      ReportUpdater.Pass pass = updater.runOnce();
      assertThat(pass.backfill()).isFalse();
      assertThat(pass.conversations()).isPositive();
      assertThat(returned(jdbi, returning)).isTrue();
      for (ReportService service : services) {
        compareEverything(service, jdbi, history, now);
      }
      // A pass over nothing new changes nothing, and rewrites nothing: the window it reads again
      // is recomputed, and an unchanged fact would make every node's index reload it.
      long changes = changeRows(jdbi);
      assertThat(updater.runOnce().conversations()).isPositive();
      assertThat(changeRows(jdbi)).isEqualTo(changes);
      for (ReportService service : services) {
        compareEverything(service, jdbi, history, now);
      }
    } finally {
      database.close();
    }
  }

  /** Whether the contact's first chat counts as returned (they came back within 24 hours). */
  private static boolean returned(Jdbi jdbi, UUID contact) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT returned FROM report_chat_facts WHERE contact_id = :contact
            ORDER BY started_at LIMIT 1""").bind("contact", contact).mapTo(Boolean.class).one());
  }

  private static long changeRows(Jdbi jdbi) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM report_changes")
        .mapTo(Long.class).one());
  }

  private void compareEverything(ReportService service, Jdbi jdbi, RandomHistory history,
      Instant now) {
    ReportTruth truth = new ReportTruth(RawHistory.load(jdbi));
    LocalDate today = LocalDate.ofInstant(now, SHANGHAI);
    ReportFilter all = ReportFilter.all(today.minusDays(45), today.plusDays(1), SHANGHAI);
    LocalDate utcToday = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<ReportFilter> filters = new ArrayList<>(List.of(all,
        ReportFilter.all(utcToday.minusDays(20), utcToday.minusDays(9), ZoneOffset.UTC),
        all.forSite(history.site), with(all, "team", history.teamA),
        with(all, "queue", history.queues.get(2)), with(all, "channel", "chat"),
        with(all, "channel", "email"), with(all, "type", "complaint"),
        with(all, "priority", "high"), with(all, "tag", "vip")));
    filters.add(new ReportFilter(all.from(), all.to(), SHANGHAI, null, null, null,
        history.agents.get(1), null, null, null, null, null));
    filters.add(new ReportFilter(all.from(), all.to(), SHANGHAI, null, null, null, null, null,
        null, null, null, Set.of(history.queues.get(0), history.queues.get(2))));
    for (ReportFilter filter : filters) {
      assertThat(service.overview(filter)).as(filter.toString()).usingRecursiveComparison()
          .withComparatorForType(ReportTruthTest::close, Double.class)
          .isEqualTo(truth.overview(filter));
    }
    for (ReportFilter filter : List.of(all, with(all, "team", history.teamA))) {
      for (String interval : List.of("day", "week", "month")) {
        assertThat(service.tables().trend(filter, interval)).as(interval)
            .usingRecursiveFieldByFieldElementComparator(
                org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration
                    .builder().withComparatorForType(ReportTruthTest::close, Double.class).build())
            .isEqualTo(trend(truth, filter, interval));
      }
      for (String measure : List.of("started", "answered", "missed")) {
        assertThat(service.tables().heatmap(filter, measure))
            .isEqualTo(heatmap(truth, filter, measure));
      }
      assertThat(service.tables().queues(filter)).usingRecursiveComparison()
          .withComparatorForType(ReportTruthTest::close, Double.class)
          .isEqualTo(queues(truth, filter));
      assertThat(service.tables().agents(filter)).usingRecursiveComparison()
          .withComparatorForType(ReportTruthTest::close, Double.class)
          .isEqualTo(agents(truth, filter));
      assertThat(service.sla(filter)).usingRecursiveComparison()
          .withComparatorForType(ReportTruthTest::close, Double.class)
          .isEqualTo(truth.overview(filter).sla());
      assertThat(comments(service, filter)).isEqualTo(truth.ratings(filter,
              ReportTruth.start(filter), ReportTruth.end(filter)).stream()
          .filter(r -> r.comment() != null && !r.comment().isEmpty())
          .sorted(Comparator.comparing(Rating::at).thenComparing(r -> r.chat() != null
              ? r.chat() : r.ticket(), ReportTruthTest::pgUuidOrder).reversed())
          .map(r -> r.score() + " " + r.comment() + " " + r.at()).toList());
    }
  }

  private static List<String> comments(ReportService service, ReportFilter filter) {
    List<String> seen = new ArrayList<>();
    CsatPage page = service.csat(filter, 7, null);
    while (true) {
      page.comments().forEach(c -> seen.add(c.score() + " " + c.comment() + " " + c.at()));
      if (page.next() == null) {
        return seen;
      }
      page = service.csat(filter, 7, page.next());
    }
  }

  private static List<ReportTables.TrendBucket> trend(ReportTruth truth, ReportFilter f,
      String interval) {
    Instant from = ReportTruth.start(f);
    Instant to = ReportTruth.end(f);
    List<ReportTables.TrendBucket> buckets = new ArrayList<>();
    for (LocalDate b = ReportTables.bucketStart(f.from(), interval); !b.isAfter(f.to());
        b = interval.equals("day") ? b.plusDays(1) : interval.equals("week") ? b.plusWeeks(1)
            : b.plusMonths(1)) {
      LocalDate key = b;
      List<Chat> chats = truth.chats(f, from, to)
          .filter(c -> ReportTruth.bucket(c.started(), f, interval).equals(key)).toList();
      List<Ticket> solved = truth.tickets(f, Ticket::solved, from, to)
          .filter(t -> ReportTruth.bucket(t.solved(), f, interval).equals(key)).toList();
      Distribution first = ReportTruth.dist(chats, Chat::firstResponse);
      Distribution resolution = ReportTruth.dist(solved, Ticket::resolution);
      long measured = 0;
      long met = 0;
      for (SlaAttainment sla : slaIn(truth, f, interval, key)) {
        measured += sla.measured();
        met += sla.met();
      }
      buckets.add(new ReportTables.TrendBucket(key, chats.size(),
          chats.stream().filter(Chat::answered).count(),
          chats.stream().filter(Chat::missed).count(),
          truth.tickets(f, Ticket::created, from, to)
              .filter(t -> ReportTruth.bucket(t.created(), f, interval).equals(key)).count(),
          solved.size(), first.median(), first.p90(), resolution.median(), resolution.p90(),
          ReportTruth.csat(truth.ratings(f, from, to).stream().filter(r ->
              ReportTruth.bucket(r.at(), f, interval).equals(key)).toList(), 0).satisfiedRate(),
          ReportTruth.rate(met, measured)));
    }
    return buckets;
  }

  /** The SLA figures of the clocks that stopped in one bucket (its instants within the range). */
  private static List<SlaAttainment> slaIn(ReportTruth truth, ReportFilter f, String interval,
      LocalDate key) {
    ZonedDateTime start = key.atStartOfDay(f.zone());
    ZonedDateTime end = interval.equals("day") ? start.plusDays(1)
        : interval.equals("week") ? start.plusWeeks(1) : start.plusMonths(1);
    Instant from = max(start.toInstant(), ReportTruth.start(f));
    Instant to = min(end.toInstant(), ReportTruth.end(f));
    return from.isBefore(to) ? truth.sla(f, from, to) : List.of();
  }

  private static List<ReportTables.HeatCell> heatmap(ReportTruth truth, ReportFilter f,
      String measure) {
    List<Chat> chats = truth.chats(f, ReportTruth.start(f), ReportTruth.end(f))
        .filter(c -> measure.equals("started") || (measure.equals("answered") ? c.answered()
            : c.missed())).toList();
    List<ReportTables.HeatCell> cells = new ArrayList<>();
    for (int weekday = 1; weekday <= 7; weekday++) {
      for (int hour = 0; hour < 24; hour++) {
        int d = weekday;
        int h = hour;
        cells.add(new ReportTables.HeatCell(weekday, hour, chats.stream().filter(c -> {
          ZonedDateTime local = c.started().atZone(f.zone());
          return local.getDayOfWeek().getValue() == d && local.getHour() == h;
        }).count()));
      }
    }
    return cells;
  }

  private static List<ReportTables.QueueRow> queues(ReportTruth truth, ReportFilter f) {
    return ReportTruthTables.queues(truth, f);
  }

  private static List<ReportTables.AgentRow> agents(ReportTruth truth, ReportFilter f) {
    return ReportTruthTables.agents(truth, f);
  }

  static ReportFilter with(ReportFilter f, String name, String value) {
    return new ReportFilter(f.from(), f.to(), f.zone(), f.site(),
        name.equals("team") ? value : null, name.equals("queue") ? value : null, f.agent(),
        name.equals("channel") ? value : null, name.equals("type") ? value : null,
        name.equals("priority") ? value : null, name.equals("tag") ? List.of(value) : List.of(),
        f.scopeQueues());
  }

  static int close(Double a, Double b) {
    return Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b);
  }

  /** PostgreSQL orders uuids by their bytes, unsigned. */
  static int pgUuidOrder(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(),
        b.getLeastSignificantBits());
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
