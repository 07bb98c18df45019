package io.switchboard.server.agentstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.server.access.Principal;
import io.switchboard.server.access.Role;
import io.switchboard.server.db.StoreRows;
import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.store.agentstatus.AgentStatusDao;
import io.switchboard.server.store.agentstatus.AgentTimeDao;
import io.switchboard.server.testing.MutableClock;
import io.switchboard.server.testing.StoreFixture;
import io.switchboard.server.util.BlockingExecutor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import io.switchboard.server.report.ReportUpdater;
import io.switchboard.server.report.index.ReportIndex;
import io.switchboard.server.store.report.ReportFactDao;
import io.switchboard.server.store.report.ReportIndexDao;
import io.switchboard.server.store.report.ReportQueryDao;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The agent time report against the truth. Randomized timelines are driven through two nodes'
 * recorders (status changes, the same change seen twice, sessions that end and nodes that die
 * without a word, noticed by a later check on either node) while chats are assigned, transferred
 * between the agents, sent back to the queue, requeued and closed, overlapping. Every range
 * asked for (days, and months around it all), in three time zones (one with a daylight saving
 * change inside), must give exactly the
 * figures a second-by-second count over the raw rows gives; and the recorded timeline must be the
 * one the simulation expects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentTimeTruthTest {
  private static final Instant START = Instant.parse("2026-03-05T00:00:00Z");
  private static final int AGENTS = 5;
  private static final long SPAN = 6 * 86_400L;

  private final StoreFixture fixture = new StoreFixture();
  private final Jdbi jdbi = StoreFixture.database().jdbi();
  private final MutableClock clock = new MutableClock(START);
  private final BlockingExecutor store = new BlockingExecutor("truth-store", 4, 1_000);
  private final Map<UUID, AgentStatus> presence = new ConcurrentHashMap<>();
  private final AgentStatusDao dao = new AgentStatusDao(jdbi);
  private final AgentStatusRecorder nodeA = recorder();
  private final AgentStatusRecorder nodeB = recorder();
  private final Random random = new Random(7);
  private final List<UUID> agents = new ArrayList<>();
  private final Map<UUID, Instant> created = new ConcurrentHashMap<>();
  /** What the simulation expects the timeline to be: per agent, status from each second on. */
  private final Map<UUID, java.util.TreeMap<Long, String>> expected = new ConcurrentHashMap<>();
  private final String team = "truth-" + UUID.randomUUID().toString().substring(0, 8);
  private Instant end;

  private AgentStatusRecorder recorder() {
    return new AgentStatusRecorder(dao,
        id -> CompletableFuture.completedFuture(presence.getOrDefault(id, AgentStatus.OFFLINE)),
        store, clock);
  }

  @BeforeAll
  void simulate() {
    jdbi.useHandle(h -> h.execute("INSERT INTO teams (id, name) VALUES (?, ?)", team, team));
    for (int i = 0; i < AGENTS; i++) {
      UUID id = fixture.newAgent().id();
      // One agent's account only exists from the middle of the simulation on.
      Instant since = i == 0 ? START.plusSeconds(2 * 86_400 + 3_601) : START.minusSeconds(86_400);
      jdbi.useHandle(h -> {
        h.execute("UPDATE users SET created_at = ? WHERE id = ?", StoreRows.timestamp(since), id);
        h.execute("INSERT INTO team_members (team_id, user_id) VALUES (?, ?)", team, id);
      });
      agents.add(id);
      created.put(id, since);
      expected.put(id, new java.util.TreeMap<>());
    }
    long t = START.getEpochSecond();
    long last = t + SPAN;
    while (t < last) {
      t += 1 + random.nextInt(random.nextInt(10) == 0 ? 20_000 : 1_800);
      clock.set(Instant.ofEpochSecond(t));
      UUID agent = agents.get(random.nextInt(AGENTS));
      if (clock.instant().isBefore(created.get(agent))) {
        continue;
      }
      int action = random.nextInt(10);
      if (action < 5) {
        AgentStatus status = AgentStatus.values()[random.nextInt(3)];
        presence.put(agent, status);
        (random.nextBoolean() ? nodeA : nodeB).changed(agent, status).join();
        if (random.nextInt(4) == 0) {
          // The same change reported again (another node restoring it): nothing changes.
          nodeB.changed(agent, status).join();
        }
        expected.get(agent).put(t, status.wire());
      } else if (action < 7) {
        // The last session closed or the agent's node died: presence runs out, nobody says so.
        presence.put(agent, AgentStatus.OFFLINE);
      } else {
        (random.nextBoolean() ? nodeA : nodeB).cycle();
        for (UUID each : agents) {
          var timeline = expected.get(each);
          var current = timeline.floorEntry(t);
          if (presence.getOrDefault(each, AgentStatus.OFFLINE) == AgentStatus.OFFLINE
              && current != null && !current.getValue().equals("offline")) {
            timeline.put(t, "offline");
          }
        }
      }
      if (random.nextInt(3) == 0) {
        Chats.randomChat(jdbi, fixture, random, agents, t, last);
      }
    }
    end = Instant.ofEpochSecond(last - 86_400 / 2);
  }

  @AfterAll
  void close() {
    store.close();
  }

  @Test
  void theRecordedTimelineIsTheOneTheSimulationExpects() {
    List<SecondBySecond.StatusRow> rows = Chats.statusRows(jdbi, agents);
    for (UUID agent : agents) {
      var timeline = expected.get(agent);
      for (long s = START.getEpochSecond(); s < START.getEpochSecond() + SPAN; s += 97) {
        var entry = timeline.floorEntry(s);
        String want = entry == null ? "offline" : entry.getValue();
        long second = s;
        String got = rows.stream().filter(r -> r.agentId().equals(agent)
                && r.startedAt().getEpochSecond() <= second
                && (r.endedAt() == null || r.endedAt().getEpochSecond() > second))
            .map(SecondBySecond.StatusRow::status).findFirst().orElse("offline");
        assertThat(got).as("agent %s at %s", agent, Instant.ofEpochSecond(s)).isEqualTo(want);
      }
    }
  }

  @Test
  void everyRangeInEveryZoneMatchesTheSecondBySecondCount() {
    compare(new AgentTimeService(new AgentTimeDao(jdbi), null,
        java.time.Clock.fixed(end, java.time.ZoneOffset.UTC)));
  }

  /** The same from the node's in-memory report index, once the report updater took it all in. */
  @Test
  void theReportIndexGivesTheSameFigures() {
    ReportUpdater updater = new ReportUpdater(new ReportFactDao(jdbi), java.time.Clock.systemUTC(),
        java.time.Duration.ofSeconds(5));
    // Another node of the suite may be running a pass: wait for one of ours.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
        .until(() -> updater.runOnce().ran());
    ReportIndex index = new ReportIndex(new ReportIndexDao(jdbi), new ReportQueryDao(jdbi));
    index.load();
    compare(new AgentTimeService(new AgentTimeDao(jdbi), index,
        java.time.Clock.fixed(end, java.time.ZoneOffset.UTC)));
  }

  private void compare(AgentTimeService service) {
    Principal admin = new Principal(Role.ADMIN, UUID.randomUUID().toString(), null, "Admin", 0,
        null, null, null);
    List<SecondBySecond.StatusRow> statuses = Chats.statusRows(jdbi, agents);
    List<SecondBySecond.EventRow> events = Chats.eventRows(jdbi, fixture.queueId);
    int compared = 0;
    for (String tz : List.of("UTC", "America/New_York", "Asia/Kolkata")) {
      ZoneId zone = ZoneId.of(tz);
      for (int i = 0; i < 7; i++) {
        // Short ranges inside the simulation, and one long range around all of it (the report
        // reads the history another way for long ranges).
        LocalDate from = i == 6 ? LocalDate.of(2026, 1, 1)
            : LocalDate.of(2026, 3, 4).plusDays(random.nextInt(6));
        LocalDate to = i == 6 ? LocalDate.of(2026, 4, 30) : from.plusDays(random.nextInt(4));
        AgentTimeQuery query = new AgentTimeQuery(from, to, zone, null, team, null, null);
        List<AgentTime> rows = service.report(admin, query);
        assertThat(rows).hasSize(AGENTS);
        for (AgentTime row : rows) {
          SecondBySecond.Expected want = SecondBySecond.figures(row.agentId(),
              created.get(row.agentId()), statuses, events, query.start(), query.end(), end);
          String what = tz + " " + from + ".." + to + " " + row.agentId();
          assertThat(row.onlineSeconds()).as(what).isEqualTo(want.online());
          assertThat(row.awaySeconds()).as(what).isEqualTo(want.away());
          assertThat(row.offlineSeconds()).as(what).isEqualTo(want.offline());
          assertThat(row.maxConcurrency()).as(what).isEqualTo(want.max());
          assertNear(row.averageConcurrency(), want.average(), what);
          assertNear(row.occupancy(), want.occupancy(), what);
          compared += want.online() > 0 && want.max() > 0 ? 1 : 0;
        }
      }
    }
    // The ranges must have held real work, not just empty rows.
    assertThat(compared).isGreaterThan(20);
  }

  private static void assertNear(Double got, Double want, String what) {
    if (want == null) {
      assertThat(got).as(what).isNull();
    } else {
      assertThat(got).as(what).isCloseTo(want, within(1e-9));
    }
  }
}
