package io.switchboard.server.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.checker.CheckReport;
import io.switchboard.sdk.ChatClient;
import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * F6 and F7: PostgreSQL, the source of truth, goes away under load. Stopped immediately (F6),
 * every connection is cut: sends fail as retryable, nothing is acknowledged that was not
 * committed, and after the restart the client outboxes deliver every message exactly once.
 * Paused with SIGSTOP (F7), connections stay open and nothing answers: the event loops keep
 * answering pings, requests fail within the configured timeouts, and everything recovers after
 * SIGCONT. Each test runs its own PostgreSQL and Redis, so nothing else sees the outage.
 */
class PostgresOutageFaultTest {
  @Test
  void postgresStoppedImmediatelyUnderLoad() throws Exception {
    stopped("F6 PostgreSQL stopped", 10, 100, 2, 5);
  }

  @Test
  @Tag("fault-long")
  void postgresStoppedImmediatelyForThirtySeconds() throws Exception {
    stopped("F6 PostgreSQL stopped (full)", FaultResults.setting("conversations", 50),
        FaultResults.setting("rate", 200), FaultResults.setting("seconds", 10),
        FaultResults.setting("outageSeconds", 30));
  }

  /**
   * F7, shortened to its core: with PostgreSQL paused, a query on a connection the pool already
   * holds fails within the socket timeout instead of waiting for ever. (Found by the full F7: the
   * driver settings were passed as numbers, which pgjdbc silently ignores.)
   */
  @Test
  void aQueryToAPausedPostgresFailsWithinTheSocketTimeout() throws Exception {
    try (PostgresProcess postgres = PostgresProcess.start();
        Database database = Database.open(new DatabaseSettings(
            postgres.jdbcUrl(), 2, Duration.ofSeconds(1), Duration.ofSeconds(2)));
        Handle handle = database.jdbi().open()) {
      assertThat(handle.createQuery("SELECT 1").mapTo(Integer.class).one()).isEqualTo(1);
      postgres.pause();
      try {
        long started = System.nanoTime();
        CompletableFuture<Integer> query = CompletableFuture.supplyAsync(
            () -> handle.createQuery("SELECT 2").mapTo(Integer.class).one());
        assertThatThrownBy(() -> query.get(20, TimeUnit.SECONDS))
            .as("the query fails instead of hanging").isInstanceOf(ExecutionException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .isBetween(Duration.ofMillis(1_500), Duration.ofSeconds(15));
      } finally {
        postgres.resume();
      }
    }
  }

  @Test
  @Tag("fault-long")
  void postgresPausedWithSigstop() throws Exception {
    try (Outage outage = new Outage(FaultResults.setting("conversations", 20),
        FaultResults.setting("rate", 100))) {
      outage.traffic(FaultResults.setting("seconds", 5));
      outage.postgres.pause();
      long pausedAt = System.nanoTime();
      List<Long> pingMillis = new ArrayList<>();
      long errorsBefore = outage.load.temporaryErrors();
      long firstErrorMillis = -1;
      long pauseMillis = TimeUnit.SECONDS.toMillis(FaultResults.setting("pauseSeconds", 60));
      ChatClient probe = outage.load.clients().get(0);
      while (System.nanoTime() - pausedAt < TimeUnit.MILLISECONDS.toNanos(pauseMillis)) {
        long sent = System.nanoTime();
        probe.ping().get(10, TimeUnit.SECONDS);
        pingMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
        if (firstErrorMillis < 0 && outage.load.temporaryErrors() > errorsBefore) {
          firstErrorMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pausedAt);
        }
        Thread.sleep(500);
      }
      outage.postgres.resume();
      long maxPing = pingMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
      System.out.printf("F7: pings during the pause at most %d ms; first retryable error after %d ms%n",
          maxPing, firstErrorMillis);
      boolean boundedFailures = firstErrorMillis >= 0 && firstErrorMillis
          <= DatabaseSettings.DEFAULT_SOCKET_TIMEOUT.plusSeconds(10).toMillis();
      outage.finish("F7 PostgreSQL SIGSTOP", boundedFailures && maxPing < 2_000);
      assertThat(maxPing).as("event loops answer pings while PostgreSQL hangs").isLessThan(2_000);
      assertThat(firstErrorMillis).as("sends fail within the socket timeout").isBetween(0L,
          DatabaseSettings.DEFAULT_SOCKET_TIMEOUT.plusSeconds(10).toMillis());
    }
  }

  private void stopped(String scenario, int conversations, int rate, int seconds, int outageSeconds)
      throws Exception {
    try (Outage outage = new Outage(conversations, rate)) {
      outage.traffic(seconds);
      outage.postgres.stopImmediately();
      long errorsBefore = outage.load.temporaryErrors();
      Thread.sleep(outageSeconds * 1000L);
      long errorsDuring = outage.load.temporaryErrors() - errorsBefore;
      outage.postgres.startAgain();
      outage.finish(scenario, errorsDuring > 0);
      assertThat(errorsDuring).as("sends told to retry while PostgreSQL was down").isPositive();
    }
  }

  /** A node on its own PostgreSQL and Redis, with chats under load. */
  private static final class Outage implements AutoCloseable {
    final PostgresProcess postgres = PostgresProcess.start();
    final RedisProcess redis = RedisProcess.start();
    final TestNode node;
    final ChatLoad load;
    ChatTraffic traffic;

    Outage(int conversations, int rate) throws Exception {
      node = TestNode.start(Map.of("SWITCHBOARD_DATABASE_URL", postgres.jdbcUrl(),
          "SWITCHBOARD_REDIS_URL", redis.url()));
      Fixtures fixtures = Fixtures.create(node.node().database().jdbi());
      load = new ChatLoad(node.http(), node.ws(), fixtures, postgres.jdbcUrl());
      int agents = Math.max(2, conversations / 5);
      load.agents(agents, (conversations + agents - 1) / agents);
      load.visitors(conversations);
      this.rate = rate;
    }

    private final int rate;

    void traffic(int seconds) throws InterruptedException {
      traffic = ChatTraffic.start(load, rate);
      Thread.sleep(seconds * 1000L);
    }

    /** Lets traffic run on after the fault, settles, checks and records the result. */
    void finish(String scenario, boolean faultBehaved) throws Exception {
      Thread.sleep(2_000);
      traffic.stop();
      load.awaitSettled(Duration.ofSeconds(120));
      CheckReport report = load.check();
      FaultResults.record(scenario, report, load.resumeP99(),
          report.clean() && traffic.failed() == 0 && faultBehaved);
      System.out.printf("%s: %d retryable errors told to clients%n", scenario, load.temporaryErrors());
      assertThat(report.violations()).as(report.summary(20)).isEmpty();
      assertThat(traffic.failed()).as("sends failed for good").isZero();
      assertThat(report.acknowledged()).as("every outbox delivered").isEqualTo(report.sent());
    }

    @Override
    public void close() throws Exception {
      try (PostgresProcess pg = postgres; RedisProcess r = redis; TestNode n = node) {
        if (traffic != null) {
          traffic.stop();
        }
        load.close();
      }
    }
  }
}
