package io.switchboard.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.RedisPresenceStore;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.store.conversation.QueuedEntry;
import io.switchboard.server.store.rules.AgentRouting;
import io.switchboard.server.store.rules.SkillProfile;
import io.switchboard.server.testing.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Skills and languages inside {@code assign.lua}, against a real Redis: an agent without every
 * required skill is never chosen, a conversation in one of the queue's languages goes only to an
 * agent who speaks it, and without the queue's rules nothing is assigned at all.
 */
class RedisEligibilityTest {
  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  private static RedisConnections connections;
  private static RedisClusterCommands<String, String> redis;
  private static RedisRoutingStore routing;
  private static RedisPresenceStore presence;

  private final String queue = "q-" + UUID.randomUUID();

  @BeforeAll
  static void connect() {
    connections = new RedisConnections(TestServices.redisUrl());
    redis = connections.sync();
    routing = new RedisRoutingStore(connections);
    presence = new RedisPresenceStore(connections, Duration.ofSeconds(10));
  }

  @AfterAll
  static void close() {
    connections.close();
  }

  @Test
  void anAgentWithoutEveryRequiredSkillIsNeverChosen() {
    rules(List.of("billing", "refunds"), List.of());
    UUID partly = agent(5, List.of("billing"), List.of());
    UUID none = agent(5, List.of(), List.of());
    for (int i = 0; i < 5; i++) {
      enqueue(T0.plusSeconds(i), null);
    }

    assertThat(assign()).isEmpty();
    assertThat(routing.load(partly).toCompletableFuture().join()).isZero();
    assertThat(routing.load(none).toCompletableFuture().join()).isZero();

    assertThat(routing.onlineCapacity(queue).toCompletableFuture().join())
        .as("chat slots for the wait estimate: skilled agents only").isZero();

    UUID skilled = agent(2, List.of("refunds", "billing", "vip"), List.of());
    assertThat(routing.onlineCapacity(queue).toCompletableFuture().join()).isEqualTo(2);
    assertThat(assign()).extracting(Assignment::agentId).containsExactly(skilled, skilled);
    assertThat(routing.waitingCount(queue).toCompletableFuture().join()).isEqualTo(3);
  }

  @Test
  void aConversationInAQueueLanguageGoesOnlyToAnAgentWhoSpeaksIt() {
    rules(List.of(), List.of("en", "zh"));
    UUID english = agent(3, List.of(), List.of("en"));
    UUID chinese = agent(2, List.of(), List.of("zh-TW", "en"));
    // The Chinese speaker already has one chat, so the English speaker comes first by load.
    redis.hset(RedisKeys.AGENT_LOAD, chinese.toString(), "1");
    redis.zadd(RedisKeys.AGENTS_BY_LOAD, 1, chinese.toString());

    UUID zh = enqueue(T0, "zh-CN");
    assertThat(assign()).containsExactly(new Assignment(zh, chinese, queue));

    // A language the queue does not list, or none, goes to anyone: here the one with room, who
    // speaks neither German nor an unknown language.
    UUID german = enqueue(T0.plusSeconds(1), "de");
    UUID unknown = enqueue(T0.plusSeconds(2), null);
    assertThat(assign()).extracting(Assignment::conversationId, Assignment::agentId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(german, english),
            org.assertj.core.groups.Tuple.tuple(unknown, english));
  }

  @Test
  void aWaitingZhConversationDoesNotHoldUpTheOnesBehindIt() {
    rules(List.of(), List.of("zh"));
    UUID english = agent(1, List.of(), List.of("en"));
    UUID zh = enqueue(T0, "zh");
    UUID next = enqueue(T0.plusSeconds(1), "en");

    assertThat(assign()).containsExactly(new Assignment(next, english, queue));
    assertThat(routing.waiting(queue, 10).toCompletableFuture().join()).containsExactly(zh);
  }

  @Test
  void withoutTheQueuesRulesNothingIsAssignedUntilTheyAreWritten() {
    UUID agent = agent(1, List.of(), List.of());
    UUID conversation = enqueue(T0, null);

    assertThatThrownBy(this::assign).isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(QueueRulesMissingException.class);
    assertThat(routing.waitingCount(queue).toCompletableFuture().join()).isEqualTo(1);

    assertThat(routing.setRules(queue, SkillProfile.NONE, false).toCompletableFuture().join()).isTrue();
    assertThat(assign()).containsExactly(new Assignment(conversation, agent, queue));
  }

  @Test
  void restoringRulesNeverOverwritesNewerOnes() {
    rules(List.of("billing"), List.of());
    boolean written = routing.setRules(queue, SkillProfile.NONE, false).toCompletableFuture().join();

    assertThat(written).isFalse();
    assertThat(redis.hget(RedisKeys.queueRules(queue), "skills")).isEqualTo("billing");
  }

  @Test
  void rebuildKeepsEachConversationsLanguage() {
    rules(List.of(), List.of("zh"));
    UUID english = agent(1, List.of(), List.of("en"));
    UUID chinese = agent(1, List.of(), List.of("zh"));
    UUID zh = UUID.randomUUID();
    routing.rebuild(List.of(new QueuedEntry(queue, zh, 0, T0, "zh-Hans-CN")), Map.of())
        .toCompletableFuture().join();

    assertThat(assign()).containsExactly(new Assignment(zh, chinese, queue));
    assertThat(routing.load(english).toCompletableFuture().join()).isZero();
    assertThat(redis.hexists(RedisKeys.queueLanguages(queue), zh.toString())).isFalse();
  }

  private void rules(List<String> skills, List<String> languages) {
    routing.setRules(queue, new SkillProfile(skills, languages), true).toCompletableFuture().join();
  }

  private UUID agent(int capacity, List<String> skills, List<String> languages) {
    UUID agent = UUID.randomUUID();
    presence.setStatus(agent, AgentStatus.ONLINE,
            new AgentRouting(capacity, List.of(queue), new SkillProfile(skills, languages)), "node-test")
        .toCompletableFuture().join();
    return agent;
  }

  private UUID enqueue(Instant at, String language) {
    UUID conversation = UUID.randomUUID();
    routing.enqueue(queue, conversation, 0, at, language).toCompletableFuture().join();
    return conversation;
  }

  private List<Assignment> assign() {
    return routing.assign(queue, 10).toCompletableFuture().join().stream()
        .map(Assignment::withoutClaim).toList();
  }
}
