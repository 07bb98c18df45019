package io.switchboard.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.RedisPresenceStore;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.store.rules.SkillProfile;
import io.switchboard.server.testing.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisRoutingStoreTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private static RedisConnections connections;
  private static RedisClusterCommands<String, String> redis;
  private static RedisRoutingStore routing;
  private static RedisPresenceStore presence;
  private static RedisPresenceStore shortPresence;

  private final String queue = "q-" + UUID.randomUUID();

  @BeforeAll
  static void connect() {
    connections = new RedisConnections(TestServices.redisUrl());
    redis = connections.sync();
    routing = new RedisRoutingStore(connections);
    presence = new RedisPresenceStore(connections, Duration.ofSeconds(10));
    shortPresence = new RedisPresenceStore(connections, Duration.ofMillis(300));
  }

  @AfterAll
  static void close() {
    connections.close();
  }

  @BeforeEach
  void queueWithoutRules() {
    routing.setRules(queue, SkillProfile.NONE, true).toCompletableFuture().join();
  }

  @Test
  void oldestIsAssignedFirst() {
    UUID newer = enqueue(5, T0.plusSeconds(10));
    UUID older = enqueue(5, T0);
    UUID agent = online(1, queue);

    assertThat(position(older)).isZero();
    assertThat(position(newer)).isEqualTo(1);
    assertThat(assign(5)).containsExactly(new Assignment(older, agent, queue));
    assertThat(position(newer)).isZero();
    assertThat(position(older)).isEqualTo(-1);
  }

  @Test
  void higherPriorityIsAssignedFirst() {
    UUID oldLow = enqueue(1, T0);
    UUID newHigh = enqueue(5, T0.plusSeconds(60));
    UUID clampedTop = enqueue(42, T0.plusSeconds(120));
    UUID agent = online(3, queue);

    assertThat(assign(3)).extracting(Assignment::conversationId)
        .containsExactly(clampedTop, newHigh, oldLow);
    assertThat(load(agent)).isEqualTo(3);
  }

  @Test
  void waitingConversationKeepsItsPlace() {
    UUID first = enqueue(0, T0);
    UUID second = enqueue(0, T0.plusSeconds(1));
    boolean addedAgain = routing.enqueue(queue, first, 9, T0.plusSeconds(5)).toCompletableFuture().join();

    assertThat(addedAgain).isFalse();
    assertThat(position(first)).isZero();
    assertThat(position(second)).isEqualTo(1);
    assertThat(waitingCount()).isEqualTo(2);
  }

  @Test
  void leastLoadedAgentIsChosen() {
    UUID busy = agentWithLoad(2, 5);
    UUID idle = agentWithLoad(0, 5);
    UUID some = agentWithLoad(1, 5);
    enqueueMany(3);

    List<Assignment> assignments = assign(1);
    assertThat(assignments).extracting(Assignment::agentId).containsExactly(idle);

    assign(2);
    assertThat(List.of(load(busy), load(idle), load(some))).containsExactly(2, 2, 2);
    assertThat(redis.zscore(RedisKeys.AGENTS_BY_LOAD, idle.toString())).isEqualTo(2.0);
  }

  @Test
  void awayAgentIsSkipped() {
    UUID away = UUID.randomUUID();
    set(presence, away, AgentStatus.AWAY, 3, queue);
    UUID online = online(3, queue);
    enqueueMany(2);

    assertThat(assign(5)).extracting(Assignment::agentId).containsExactly(online, online);
    assertThat(load(away)).isZero();
    assertThat(redis.zscore(RedisKeys.AGENTS_BY_LOAD, away.toString())).isNotNull();
  }

  @Test
  void agentWithExpiredPresenceIsSkippedAndRemoved() {
    UUID gone = UUID.randomUUID();
    set(shortPresence, gone, AgentStatus.ONLINE, 3, queue);
    UUID conversation = enqueue(0, T0);
    await().atMost(Duration.ofSeconds(3)).until(() ->
        shortPresence.status(gone).toCompletableFuture().join() == AgentStatus.OFFLINE);

    assertThat(assign(5)).isEmpty();
    assertThat(redis.zscore(RedisKeys.AGENTS_BY_LOAD, gone.toString())).isNull();
    assertThat(redis.hget(RedisKeys.AGENT_STATUS, gone.toString())).isEqualTo("offline");
    assertThat(position(conversation)).isZero();

    UUID online = online(1, queue);
    assertThat(assign(5)).containsExactly(new Assignment(conversation, online, queue));
  }

  @Test
  void anEligibleAgentBehindManyPagesOfOthersIsFound() {
    // The script reads the present agents 32 at a time: the queue's one agent with room comes
    // after 70 less loaded agents of another queue and 5 whose presence runs out meanwhile.
    String other = "q-" + UUID.randomUUID();
    for (int i = 0; i < 70; i++) {
      online(5, other);
    }
    List<UUID> gone = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      UUID agent = UUID.randomUUID();
      set(shortPresence, agent, AgentStatus.ONLINE, 5, queue);
      gone.add(agent);
    }
    UUID busy = agentWithLoad(1, 3);
    UUID first = enqueue(0, T0);
    UUID second = enqueue(0, T0.plusSeconds(1));
    await().atMost(Duration.ofSeconds(3)).until(() -> gone.stream().allMatch(agent ->
        shortPresence.status(agent).toCompletableFuture().join() == AgentStatus.OFFLINE));

    assertThat(assign(5)).containsExactly(
        new Assignment(first, busy, queue), new Assignment(second, busy, queue));
    assertThat(gone).allSatisfy(agent ->
        assertThat(redis.zscore(RedisKeys.AGENTS_BY_LOAD, agent.toString())).isNull());
  }

  @Test
  void capacityIsNeverExceededAndReleaseFreesIt() {
    UUID agent = online(2, queue);
    enqueueMany(5);

    assertThat(assign(10)).hasSize(2);
    assertThat(load(agent)).isEqualTo(2);
    assertThat(assign(10)).isEmpty();
    assertThat(waitingCount()).isEqualTo(3);

    assertThat(routing.release(agent).toCompletableFuture().join()).isEqualTo(1);
    assertThat(redis.zscore(RedisKeys.AGENTS_BY_LOAD, agent.toString())).isEqualTo(1.0);
    assertThat(assign(10)).hasSize(1);
    assertThat(load(agent)).isEqualTo(2);
    assertThat(waitingCount()).isEqualTo(2);
  }

  @Test
  void releaseNeverGoesBelowZero() {
    UUID agent = online(2, queue);
    assertThat(routing.release(agent).toCompletableFuture().join()).isZero();
    assertThat(routing.release(UUID.randomUUID()).toCompletableFuture().join()).isZero();
    assertThat(load(agent)).isZero();
  }

  @Test
  void oneLoadCountsInEveryQueueOfTheAgent() {
    String other = "q-" + UUID.randomUUID();
    routing.setRules(other, SkillProfile.NONE, true).toCompletableFuture().join();
    UUID agent = online(1, queue, other);
    enqueueMany(1);
    UUID elsewhere = UUID.randomUUID();
    routing.enqueue(other, elsewhere, 0, T0).toCompletableFuture().join();

    assertThat(assign(1)).extracting(Assignment::agentId).containsExactly(agent);
    assertThat(routing.assign(other, 1).toCompletableFuture().join()).as("full in every queue")
        .isEmpty();
    routing.release(agent).toCompletableFuture().join();
    assertThat(routing.assign(other, 1).toCompletableFuture().join())
        .extracting(Assignment::conversationId).containsExactly(elsewhere);
  }

  @Test
  void removeTakesAConversationOutOfTheQueue() {
    UUID first = enqueue(0, T0);
    UUID second = enqueue(0, T0.plusSeconds(1));

    assertThat(routing.remove(queue, first).toCompletableFuture().join()).isTrue();
    assertThat(routing.remove(queue, first).toCompletableFuture().join()).isFalse();
    assertThat(position(second)).isZero();
    assertThat(waitingCount()).isEqualTo(1);
  }

  @Test
  void assignRecoversAfterScriptFlush() {
    UUID agent = online(2, queue);
    enqueueMany(2);
    assertThat(assign(1)).hasSize(1);

    redis.scriptFlush();

    assertThat(assign(1)).extracting(Assignment::agentId).containsExactly(agent);
    assertThat(routing.release(agent).toCompletableFuture().join()).isEqualTo(1);
  }

  private UUID enqueue(int priority, Instant at) {
    UUID conversation = UUID.randomUUID();
    assertThat(routing.enqueue(queue, conversation, priority, at).toCompletableFuture().join()).isTrue();
    return conversation;
  }

  private void enqueueMany(int count) {
    for (int i = 0; i < count; i++) {
      enqueue(0, T0.plusMillis(i));
    }
  }

  private UUID online(int capacity, String... queues) {
    UUID agent = UUID.randomUUID();
    set(presence, agent, AgentStatus.ONLINE, capacity, queues);
    return agent;
  }

  private UUID agentWithLoad(int load, int capacity) {
    UUID agent = UUID.randomUUID();
    redis.hset(RedisKeys.AGENT_LOAD, agent.toString(), Integer.toString(load));
    set(presence, agent, AgentStatus.ONLINE, capacity, queue);
    return agent;
  }

  private static void set(
      RedisPresenceStore store, UUID agent, AgentStatus status, int capacity, String... queues) {
    store.setStatus(agent, status, capacity, List.of(queues), "node-a").toCompletableFuture().join();
  }

  private List<Assignment> assign(int max) {
    return routing.assign(queue, max).toCompletableFuture().join().stream()
        .map(Assignment::withoutClaim).toList();
  }

  private long position(UUID conversation) {
    return routing.position(queue, conversation).toCompletableFuture().join();
  }

  private long waitingCount() {
    return routing.waitingCount(queue).toCompletableFuture().join();
  }

  private static int load(UUID agent) {
    return routing.load(agent).toCompletableFuture().join();
  }
}
