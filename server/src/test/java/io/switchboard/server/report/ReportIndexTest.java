package io.switchboard.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.report.index.ReportIndex;
import io.switchboard.server.store.report.FactFilter;
import io.switchboard.server.store.report.FactGrouping;
import io.switchboard.server.store.report.ReportFactDao;
import io.switchboard.server.store.report.ReportIndexDao;
import io.switchboard.server.store.report.ReportQueries;
import io.switchboard.server.store.report.ReportQueryDao;
import io.switchboard.server.testing.StoreFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The in-memory report index answers every fact query with exactly the rows SQL answers over
 * the facts (averages to 1e-9): 300 random filters and groupings (every grouping, buckets of a
 * day, week and month and hours of the week in zones with daylight saving and half-hour
 * offsets, ranges that cut days) over a random history; then again after facts were deleted
 * (retention), ratings replaced and removed, and new history passed through the updater, which
 * the index follows from {@code report_changes} without loading again.
 */
class ReportIndexTest {
  private static final List<String> ZONES =
      List.of("UTC", "Asia/Shanghai", "America/New_York", "Asia/Kolkata", "Europe/Berlin");

  @Test
  void everyQueryAnswersWhatSqlAnswersBeforeAndAfterChanges() {
    Database database = Database.open(new DatabaseSettings(StoreFixture.freshDatabaseUrl(), 4,
        Duration.ofSeconds(10), Duration.ofSeconds(30)));
    try {
      Jdbi jdbi = database.jdbi();
      Instant now = jdbi.withHandle(h -> h.createQuery("SELECT now()").mapTo(Instant.class).one());
      RandomHistory history = new RandomHistory(7);
      jdbi.useTransaction(handle -> {
        history.setUp(handle);
        history.chats(handle, 220, now.minus(Duration.ofDays(200)), now.minusSeconds(60), now);
        history.tickets(handle, 120, now.minus(Duration.ofDays(200)), now.minusSeconds(60));
      });
      ReportUpdater updater = new ReportUpdater(new ReportFactDao(jdbi), Clock.systemUTC(),
          Duration.ofSeconds(5));
      updater.runOnce();
      ReportQueryDao sql = new ReportQueryDao(jdbi);
      ReportIndex index = new ReportIndex(new ReportIndexDao(jdbi), sql);
      int[] loaded = index.load();
      assertThat(loaded[0]).isPositive();
      assertThat(loaded[1]).isPositive();
      Random random = new Random(11);
      compare(sql, index, history, now, random);

      jdbi.useTransaction(handle -> {
        handle.execute("""
            DELETE FROM report_chat_facts WHERE conversation_id IN (
              SELECT conversation_id FROM report_chat_facts ORDER BY conversation_id LIMIT 20)""");
        handle.execute("""
            DELETE FROM report_ticket_facts WHERE ticket_id IN (
              SELECT ticket_id FROM report_ticket_facts ORDER BY ticket_id LIMIT 10)""");
        handle.execute("UPDATE ratings SET score = 6 - score WHERE score <> 3");
        handle.execute("""
            DELETE FROM ticket_ratings WHERE ticket_id IN (
              SELECT ticket_id FROM ticket_ratings ORDER BY ticket_id LIMIT 5)""");
        history.change(handle, now);
      });
      updater.runOnce();
      compare(sql, index, history, now, random);
    } finally {
      database.close();
    }
  }

  private static void compare(ReportQueries sql, ReportQueries index, RandomHistory history,
      Instant now, Random random) {
    List<BiFunction<ReportQueries, FactFilter, List<Map<String, Object>>>> ungrouped =
        List.of(ReportQueries::transfersOut);
    for (int round = 0; round < 150; round++) {
      FactFilter filter = filter(history, now, random);
      FactGrouping grouping = grouping(random);
      String what = filter + " by " + grouping;
      assertSame(sql.chats(filter, grouping), index.chats(filter, grouping), "chats " + what);
      assertSame(sql.chatNextResponses(filter, grouping),
          index.chatNextResponses(filter, grouping), "chat next " + what);
      assertSame(sql.ticketsCreated(filter, grouping), index.ticketsCreated(filter, grouping),
          "created " + what);
      assertSame(sql.ticketNextResponses(filter, grouping),
          index.ticketNextResponses(filter, grouping), "ticket next " + what);
      assertSame(sql.ticketsSolved(filter, grouping), index.ticketsSolved(filter, grouping),
          "solved " + what);
      assertSame(sql.ratings(filter, grouping), index.ratings(filter, grouping),
          "ratings " + what);
      for (var query : ungrouped) {
        assertSame(query.apply(sql, filter), query.apply(index, filter), "transfers " + what);
      }
    }
  }

  private static FactFilter filter(RandomHistory history, Instant now, Random random) {
    Instant to = now.plusSeconds(3600).minusSeconds(random.nextInt(220 * 86_400));
    Instant from = to.minusSeconds(1 + random.nextInt(120 * 86_400));
    boolean some = random.nextBoolean();
    return new FactFilter(from, to,
        some && random.nextInt(3) == 0 ? pick(random, history.site, "no-such-site") : null,
        some && random.nextInt(4) == 0 ? pick(random, history.teamA, history.teamB) : null,
        some && random.nextInt(5) == 0 ? Set.copyOf(history.queues.subList(0, 2)) : null,
        some && random.nextInt(4) == 0 ? history.queues.get(random.nextInt(history.queues.size()))
            : null,
        some && random.nextInt(4) == 0
            ? (random.nextInt(5) == 0 ? UUID.randomUUID()
                : history.agents.get(random.nextInt(history.agents.size()))) : null,
        some && random.nextInt(4) == 0 ? pick(random, RandomHistory.CHANNELS) : null,
        some && random.nextInt(4) == 0 ? pick(random, RandomHistory.TYPES) : null,
        some && random.nextInt(4) == 0 ? pick(random, RandomHistory.PRIORITIES) : null,
        some && random.nextInt(4) == 0 ? List.of(pick(random, RandomHistory.TAGS), "none")
            : List.of());
  }

  private static FactGrouping grouping(Random random) {
    String zone = pick(random, ZONES);
    return switch (random.nextInt(6)) {
      case 0 -> FactGrouping.TOTAL;
      case 1 -> FactGrouping.QUEUE;
      case 2 -> FactGrouping.AGENT;
      case 3 -> FactGrouping.hourOfWeek(zone);
      default -> FactGrouping.buckets(pick(random, List.of("day", "week", "month")), zone);
    };
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... values) {
    return values[random.nextInt(values.length)];
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** The same rows in any order, every column equal, doubles to 1e-9. */
  private static void assertSame(List<Map<String, Object>> expected,
      List<Map<String, Object>> actual, String what) {
    Comparator<Map<String, Object>> order = Comparator.comparing(row -> String.valueOf(row.get("g"))
        + "/" + row.get("score"));
    List<Map<String, Object>> want = new ArrayList<>(expected);
    List<Map<String, Object>> got = new ArrayList<>(actual);
    want.sort(order);
    got.sort(order);
    assertThat(got).as(what).hasSameSizeAs(want);
    for (int i = 0; i < want.size(); i++) {
      assertThat(got.get(i).keySet()).as(what).containsAll(want.get(i).keySet());
      for (Map.Entry<String, Object> column : want.get(i).entrySet()) {
        Object mine = got.get(i).get(column.getKey());
        Object theirs = column.getValue();
        if (theirs instanceof Double d) {
          assertThat((Double) mine).as(what + " " + column.getKey()).isCloseTo(d,
              org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(d))));
        } else if (theirs instanceof Number n) {
          assertThat(mine).as(what + " " + column.getKey()).isInstanceOf(Number.class);
          assertThat(((Number) mine).longValue()).as(what + " " + column.getKey())
              .isEqualTo(n.longValue());
        } else {
          assertThat(Objects.toString(mine, null)).as(what + " " + column.getKey())
              .isEqualTo(Objects.toString(theirs, null));
        }
      }
    }
  }
}
