package io.switchboard.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.RedisPresenceStore;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.store.rules.SkillProfile;
import io.switchboard.server.testing.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The claim journal in Redis ({@code assign.lua}, {@code claim.lua}, {@code settle.lua}): every
 * capacity taken is journaled, and each way a claim ends leaves the agent's load true.
 */
class RedisClaimJournalTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static RedisConnections connections;
  private static RedisRoutingStore routing;
  private static RedisPresenceStore presence;

  private final String queue = "q-" + UUID.randomUUID();

  @BeforeAll
  static void connect() {
    connections = new RedisConnections(TestServices.redisUrl());
    routing = new RedisRoutingStore(connections);
    presence = new RedisPresenceStore(connections, Duration.ofSeconds(10));
  }

  @AfterAll
  static void close() {
    connections.close();
  }

  @Test
  void everyAssignmentIsJournaledUntilSettled() {
    UUID agent = online(3);
    List<Assignment> made = assignNew(2);
    assertThat(made).extracting(Assignment::claimId).doesNotContainNull().doesNotHaveDuplicates();
    assertThat(claims()).extracting(Claim::id)
        .containsExactlyInAnyOrderElementsOf(made.stream().map(Assignment::claimId).toList());
    assertThat(claims()).allSatisfy(claim -> {
      assertThat(claim.agentId()).isEqualTo(agent);
      assertThat(claim.released()).isFalse();
    });
    assertThat(load(agent)).isEqualTo(2);

    assertThat(settle(made.get(0).claimId(), Claim.Outcome.RECORDED)).isZero();
    assertThat(settle(made.get(1).claimId(), Claim.Outcome.REFUSED)).isEqualTo(1);
    assertThat(load(agent)).isEqualTo(1);
    assertThat(claims()).isEmpty();
    assertThat(settle(made.get(1).claimId(), Claim.Outcome.REFUSED))
        .as("a claim is settled once").isZero();
    assertThat(load(agent)).isEqualTo(1);
  }

  @Test
  void aLostClaimGivesItsLoadBackAndTakesItAgainWhenRecordedLate() {
    UUID agent = online(2);
    Assignment lost = assignNew(1).get(0);
    assertThat(settle(lost.claimId(), Claim.Outcome.LOST)).isEqualTo(1);
    assertThat(load(agent)).isZero();
    assertThat(claims()).singleElement().satisfies(claim -> assertThat(claim.released()).isTrue());
    assertThat(settle(lost.claimId(), Claim.Outcome.LOST)).as("released once").isZero();
    assertThat(load(agent)).isZero();

    // PostgreSQL recorded it after all: the assignment is real, the load counts it again.
    assertThat(settle(lost.claimId(), Claim.Outcome.RECORDED)).isEqualTo(1);
    assertThat(load(agent)).isEqualTo(1);
    assertThat(claims()).isEmpty();

    Assignment forgotten = assignNew(1).get(0);
    settle(forgotten.claimId(), Claim.Outcome.LOST);
    assertThat(settle(forgotten.claimId(), Claim.Outcome.FORGET)).isZero();
    assertThat(claims()).isEmpty();
    assertThat(load(agent)).isEqualTo(1);
  }

  @Test
  void aTransferClaimIsJournaledToo() {
    UUID agent = online(1);
    UUID conversation = UUID.randomUUID();
    String claimId = routing.claim(agent, queue, conversation).toCompletableFuture().join()
        .orElseThrow();
    assertThat(claims()).singleElement().satisfies(claim -> {
      assertThat(claim.id()).isEqualTo(claimId);
      assertThat(claim.conversationId()).isEqualTo(conversation);
    });
    assertThat(routing.claim(agent, queue, UUID.randomUUID()).toCompletableFuture().join())
        .as("full").isEmpty();
    settle(claimId, Claim.Outcome.REFUSED);
    assertThat(load(agent)).isZero();
  }

  private UUID online(int capacity) {
    routing.setRules(queue, SkillProfile.NONE, true).toCompletableFuture().join();
    UUID agent = UUID.randomUUID();
    presence.setStatus(agent, AgentStatus.ONLINE, capacity, List.of(queue), "node-a")
        .toCompletableFuture().join();
    return agent;
  }

  private List<Assignment> assignNew(int count) {
    for (int i = 0; i < count; i++) {
      routing.enqueue(queue, UUID.randomUUID(), 0, T0.plusMillis(i)).toCompletableFuture().join();
    }
    return routing.assign(queue, count).toCompletableFuture().join();
  }

  private List<Claim> claims() {
    return routing.claims(queue, Instant.now().plusSeconds(60)).toCompletableFuture().join();
  }

  private int settle(String claimId, Claim.Outcome outcome) {
    return routing.settle(queue, Map.of(claimId, outcome)).toCompletableFuture().join();
  }

  private static int load(UUID agent) {
    return routing.load(agent).toCompletableFuture().join();
  }
}
