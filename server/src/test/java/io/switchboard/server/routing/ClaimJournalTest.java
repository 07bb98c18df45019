package io.switchboard.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.RedisPresenceStore;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.store.conversation.ClaimRecords;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.rules.SkillProfile;
import io.switchboard.server.testing.MutableClock;
import io.switchboard.server.testing.StoreFixture;
import io.switchboard.server.testing.TestServices;
import io.switchboard.server.util.BlockingExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reconciler's side of the claim journal, against the real PostgreSQL and Redis with a clock
 * the test moves: a claim its node never settled is checked against the conversation history
 * once the claim timeout has passed, and the agent's load ends up as PostgreSQL has it, whichever
 * way the race between the node and the reconciler went.
 */
class ClaimJournalTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static RedisConnections connections;
  private static BlockingExecutor store;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
  private final StoreFixture fixture = new StoreFixture();
  private final RedisRoutingStore routing = new RedisRoutingStore(connections, clock);
  private final ClaimJournal journal = new ClaimJournal(routing,
      new ClaimRecords(StoreFixture.database().jdbi()), store, clock, TIMEOUT);

  @BeforeAll
  static void connect() {
    connections = new RedisConnections(TestServices.redisUrl());
    store = new BlockingExecutor("claims-test", 2, 100);
  }

  @AfterAll
  static void close() {
    store.close();
    connections.close();
  }

  @Test
  void aClaimIsLeftAloneUntilTheTimeoutThenRecordedOnesKeepTheirLoadAndLostOnesGiveItBack()
      throws Exception {
    UUID agent = onlineAgent(5);
    Conversation recordedOne = fixture.newConversation();
    Conversation lostOne = fixture.newConversation();
    List<Assignment> made = assign(recordedOne, lostOne);
    assertThat(load(agent)).isEqualTo(2);
    // Only the first reaches PostgreSQL; the node never settles either (its reply was lost).
    Assignment recorded = made.stream()
        .filter(a -> a.conversationId().equals(recordedOne.id())).findFirst().orElseThrow();
    assertThat(fixture.conversations.assignAll(Map.of(recordedOne.id(), agent),
        Map.of(recordedOne.id(), recorded.claimId()))).hasSize(1);

    assertThat(check()).as("younger than the timeout: left to its node").isZero();
    assertThat(load(agent)).isEqualTo(2);

    clock.set(clock.instant().plus(TIMEOUT.plusSeconds(1)));
    assertThat(check()).isEqualTo(1);
    assertThat(load(agent)).as("the recorded one still counts, the lost one not").isEqualTo(1);
    assertThat(claims()).singleElement().satisfies(claim -> {
      assertThat(claim.conversationId()).isEqualTo(lostOne.id());
      assertThat(claim.released()).isTrue();
    });

    // Ten minutes on, nobody can record the released claim any more: it is forgotten.
    clock.set(clock.instant().plus(ClaimJournal.KEEP_RELEASED).plus(TIMEOUT).plusSeconds(1));
    assertThat(check()).isZero();
    assertThat(claims()).isEmpty();
    assertThat(load(agent)).isEqualTo(1);
  }

  @Test
  void anAssignmentRecordedAfterTheReconcilerGaveItsLoadBackTakesTheLoadAgain() throws Exception {
    UUID agent = onlineAgent(5);
    Conversation late = fixture.newConversation();
    Assignment claim = assign(late).get(0);
    clock.set(clock.instant().plus(TIMEOUT.plusSeconds(1)));
    assertThat(check()).isEqualTo(1);
    assertThat(load(agent)).isZero();

    // The node's statement commits after all (it was slow, not failed).
    fixture.conversations.assignAll(Map.of(late.id(), agent), Map.of(late.id(), claim.claimId()));
    clock.set(clock.instant().plus(TIMEOUT.plusSeconds(1)));
    assertThat(check()).isEqualTo(1);
    assertThat(load(agent)).as("PostgreSQL holds the assignment: it counts again").isEqualTo(1);
    assertThat(claims()).isEmpty();
  }

  private UUID onlineAgent(int capacity) {
    routing.setRules(fixture.queueId, SkillProfile.NONE, true).toCompletableFuture().join();
    UUID agent = fixture.newAgent().id();
    new RedisPresenceStore(connections).setStatus(agent, AgentStatus.ONLINE, capacity,
        List.of(fixture.queueId), "node-a").toCompletableFuture().join();
    return agent;
  }

  private List<Assignment> assign(Conversation... conversations) {
    for (Conversation conversation : conversations) {
      routing.enqueue(fixture.queueId, conversation.id(), 0, conversation.enqueuedAt())
          .toCompletableFuture().join();
    }
    List<Assignment> made = routing.assign(fixture.queueId, conversations.length)
        .toCompletableFuture().join();
    assertThat(made).hasSize(conversations.length);
    return made;
  }

  private int check() {
    return journal.checkStale(fixture.queueId).toCompletableFuture().join();
  }

  private List<Claim> claims() {
    return routing.claims(fixture.queueId, clock.instant().plusSeconds(1)).toCompletableFuture()
        .join();
  }

  private int load(UUID agent) {
    return routing.load(agent).toCompletableFuture().join();
  }
}
