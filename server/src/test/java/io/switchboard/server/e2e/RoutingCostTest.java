package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Timer;
import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.RedisPresenceStore;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.store.rules.AgentRouting;
import io.switchboard.server.store.rules.SkillProfile;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What one arrival costs a real node, counted on the real Redis and PostgreSQL: the Redis
 * commands it runs (from {@code INFO commandstats}, so the commands inside the Lua scripts count
 * one by one) and the PostgreSQL transactions (uses of the node's connection pool). The count is
 * the same with 10 agents and with 500 (the other 490 full, away or in another queue), and the
 * same with 0 and with 200 visitors waiting ahead. Nothing here is timed: the node runs other
 * periodic work (the reconciler, monitors), which can only add to a window, so each figure is
 * the smallest of several arrivals. The Redis figure is exact that way; the pool's uses also
 * count the node's periodic PostgreSQL reads, which come often enough to land in every window
 * now and then, so they are held to a small bound rather than to equality.
 *
 * <p>Not thread-safe: JUnit runs a class's tests one at a time.
 */
class RoutingCostTest {
  private static final int SAMPLES = 7;
  private static TestNode node;
  private static RedisConnections redis;
  private static RedisPresenceStore presence;
  private static Jdbi jdbi;

  @BeforeAll
  static void start() throws Exception {
    // Agents' heartbeats would add Redis commands to every window: one an hour.
    node = TestNode.start(Map.of("SWITCHBOARD_PRESENCE_TTL_SECONDS", "3600"));
    redis = new RedisConnections(TestServices.redisUrl());
    presence = new RedisPresenceStore(redis, Duration.ofHours(1));
    jdbi = Jdbi.create(TestServices.jdbcUrl());
  }

  @AfterAll
  static void stop() {
    redis.close();
    node.close();
  }

  @Test
  void anAssignedArrivalCostsTheSameWith10And500Agents() throws Exception {
    Fixtures site = Fixtures.create(node.node().database().jdbi());
    for (int i = 0; i < 10; i++) {
      online(site.addAgent(4).id(), 4, List.of(site.queueId));
    }
    Cost ten = assignedArrivals(site);

    // 490 more present agents at load 0, interleaved with the 10 by id: full (capacity 0),
    // away, or online for another queue only. None of them may take this queue's conversation.
    for (int i = 0; i < 490; i++) {
      UUID agent = UUID.randomUUID();
      switch (i % 3) {
        case 0 -> online(agent, 0, List.of(site.queueId));
        case 1 -> presence.setStatus(agent, AgentStatus.AWAY,
            new AgentRouting(4, List.of(site.queueId), SkillProfile.NONE), "elsewhere")
            .toCompletableFuture().join();
        default -> online(agent, 4, List.of("other-" + site.queueId));
      }
    }
    Cost fiveHundred = assignedArrivals(site);

    System.out.println("assigned arrival: 10 agents " + ten + ", 500 agents " + fiveHundred);
    assertThat(fiveHundred.redisCommands()).as("Redis commands, 500 agents against 10")
        .isEqualTo(ten.redisCommands());
    assertThat(ten.redisCommands()).as("Redis commands of an assigned arrival").isBetween(1L, 50L);
    assertThat(List.of(ten.transactions(), fiveHundred.transactions()))
        .as("PostgreSQL transactions of an assigned arrival, 10 and 500 agents")
        .allSatisfy(transactions -> assertThat(transactions).isBetween(1L, 7L));
  }

  @Test
  void aWaitingArrivalCostsTheSameWith0And200VisitorsAhead() throws Exception {
    Fixtures site = Fixtures.create(node.node().database().jdbi());
    for (int i = 0; i < 10; i++) {
      online(UUID.randomUUID(), 0, List.of(site.queueId));
    }
    List<Participant> visitors = new ArrayList<>();
    try {
      Cost none = waitingArrivals(site, visitors);
      while (waiting(site.queueId) < 200) {
        Participant visitor = Participant.visitor(node.http(), node.ws(), site.siteKey);
        visitors.add(visitor);
        visitor.client().start(site.queueId, Map.of()).get();
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> waiting(site.queueId) >= 200);
      Cost twoHundred = waitingArrivals(site, visitors);

      System.out.println("waiting arrival: none ahead " + none + ", 200 ahead " + twoHundred);
      assertThat(twoHundred.redisCommands()).as("Redis commands, 200 waiting ahead against none")
          .isEqualTo(none.redisCommands());
      assertThat(none.redisCommands()).as("Redis commands of a waiting arrival")
          .isBetween(1L, 35L);
      assertThat(List.of(none.transactions(), twoHundred.transactions()))
          .as("PostgreSQL transactions of a waiting arrival, 0 and 200 ahead")
          .allSatisfy(transactions -> assertThat(transactions).isBetween(1L, 7L));
    } finally {
      visitors.forEach(Participant::close);
    }
  }

  /** What one arrival costs: Redis commands and PostgreSQL transactions. */
  record Cost(long redisCommands, long transactions) {
    Cost min(Cost other) {
      return new Cost(Math.min(redisCommands, other.redisCommands),
          Math.min(transactions, other.transactions));
    }
  }

  private static void online(UUID agent, int capacity, List<String> queues) {
    presence.setStatus(agent, AgentStatus.ONLINE,
        new AgentRouting(capacity, queues, SkillProfile.NONE), "elsewhere")
        .toCompletableFuture().join();
  }

  /** The smallest cost of {@link #SAMPLES} arrivals that are assigned, after one to warm up. */
  private Cost assignedArrivals(Fixtures site) throws Exception {
    Cost smallest = null;
    for (int i = 0; i <= SAMPLES; i++) {
      try (Participant visitor = Participant.visitor(node.http(), node.ws(), site.siteKey)) {
        Counters before = Counters.quiet();
        String id = visitor.client().start(site.queueId, Map.of()).get().conversationId();
        await().atMost(Duration.ofSeconds(10)).until(() -> assignedAndSettled(site.queueId, id));
        Cost cost = Counters.read().since(before);
        smallest = i == 0 ? null : smallest == null ? cost : smallest.min(cost);
        visitor.client().close(id, null).get();
      }
    }
    return smallest;
  }

  /** The smallest cost of {@link #SAMPLES} arrivals that wait (nobody has room). */
  private Cost waitingArrivals(Fixtures site, List<Participant> keep) throws Exception {
    Cost smallest = null;
    for (int i = 0; i <= SAMPLES; i++) {
      Participant visitor = Participant.visitor(node.http(), node.ws(), site.siteKey);
      keep.add(visitor);
      long ahead = waiting(site.queueId);
      Counters before = Counters.quiet();
      visitor.client().start(site.queueId, Map.of()).get();
      await().atMost(Duration.ofSeconds(10)).until(() -> waiting(site.queueId) == ahead + 1
          && visitor.events().stream().anyMatch(e -> e instanceof
              io.switchboard.protocol.ServerMessage.QueuePosition));
      Cost cost = Counters.read().since(before);
      smallest = i == 0 ? null : smallest == null ? cost : smallest.min(cost);
    }
    return smallest;
  }

  private static long waiting(String queueId) {
    return redis.sync().zcard(RedisKeys.waiting(queueId));
  }

  private static boolean assignedAndSettled(String queueId, String conversationId) {
    String status = jdbi.withHandle(h -> h.createQuery(
            "SELECT status FROM conversations WHERE id = CAST(:id AS uuid)")
        .bind("id", conversationId).mapTo(String.class).one());
    return "assigned".equals(status)
        && redis.sync().zcard(RedisKeys.claimed(queueId)) == 0;
  }

  /**
   * Redis's count of commands run, without the ones this test sends to look ({@code INFO} and
   * {@code ZCARD}, which the node does not send on an arrival), and the node's pool uses.
   */
  private record Counters(long redisCommands, long transactions) {
    static Counters read() {
      long commands = 0;
      for (String line : redis.sync().info("commandstats").split("\r?\n")) {
        if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info:")
            && !line.startsWith("cmdstat_zcard:")) {
          int at = line.indexOf("calls=") + "calls=".length();
          commands += Long.parseLong(line.substring(at, line.indexOf(',', at)));
        }
      }
      Timer usage = node.node().metrics().registry().find("hikaricp.connections.usage")
          .tag("pool", "switchboard-db").timer();
      return new Counters(commands, usage == null ? -1 : usage.count());
    }

    /**
     * The counters once what the previous step set off (a close gives capacity back and runs the
     * queue) has ended: two reads a little apart that agree.
     */
    static Counters quiet() {
      AtomicReference<Counters> last = new AtomicReference<>(read());
      try {
        await().pollDelay(Duration.ofMillis(150)).pollInterval(Duration.ofMillis(150))
            .atMost(Duration.ofMillis(7_500))
            .until(() -> {
              Counters now = read();
              return now.equals(last.getAndSet(now));
            });
      } catch (ConditionTimeoutException neverQuiet) {
        // Background work kept counting: the last reading, as it is.
      }
      return last.get();
    }

    Cost since(Counters before) {
      return new Cost(redisCommands - before.redisCommands, transactions - before.transactions);
    }
  }
}
