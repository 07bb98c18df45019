package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.RedisPresenceStore;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ConversationEvent;
import io.switchboard.server.store.conversation.ConversationStatus;
import io.switchboard.server.testing.Cycles;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.OffsetClock;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An agent who goes away for good loses their chats to the queue after the grace period, and the
 * next agent gets each exactly once; an agent who comes back within the grace period keeps them.
 * Presence TTL 2 s and grace 3 s here (30 s by default). The grace period is judged by the
 * monitors' clock, which the tests move past it instead of waiting it out.
 */
class AgentLossTest {
  private static final Duration GRACE = Duration.ofSeconds(3);
  private static final OffsetClock MONITOR_CLOCK = new OffsetClock();
  private static TestNode node;
  private static ConversationDao conversations;
  private static RedisPresenceStore presence;
  private Fixtures fixtures;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Map.of("SWITCHBOARD_PRESENCE_TTL_SECONDS", "2",
        "SWITCHBOARD_AGENT_GRACE_SECONDS", Long.toString(GRACE.toSeconds())), Clock.systemUTC(),
        MONITOR_CLOCK);
    conversations = new ConversationDao(node.node().database().jdbi());
    presence = new RedisPresenceStore(node.node().redis(), Duration.ofSeconds(2));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @BeforeEach
  void freshSite() {
    fixtures = Fixtures.create(node.node().database().jdbi());
  }

  /** Puts the agent online, has the visitor start a conversation, and waits until it is theirs. */
  private String assignedTo(Participant agent, Participant visitor) throws Exception {
    agent.client().setStatus("online").get();
    String conversationId = visitor.client().start(fixtures.queueId, Map.of()).get().conversationId();
    agent.await(ServerMessage.Assigned.class, a -> a.conversationId().equals(conversationId),
        Duration.ofSeconds(15));
    return conversationId;
  }

  /**
   * Waits until the agent's presence has expired (TTL 2 s, in Redis: real time) and a node has
   * noted them absent: their grace period is running.
   */
  private static void awaitGracePeriodRunning(UUID agentId) {
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() ->
        presence.status(agentId).toCompletableFuture().get() == AgentStatus.OFFLINE
            && node.node().redis().sync()
                .hexists(RedisKeys.AGENT_ABSENCE, agentId.toString()));
  }

  /**
   * Moves the monitors' clock well past where the grace period of an agent noted absent by now
   * would end, and waits for a whole cycle of the loss monitor after that.
   */
  private static void moveWellPastTheGracePeriod() {
    MONITOR_CLOCK.advance(GRACE.plusSeconds(2));
    Cycles.awaitWholeCycle(node.node().agentLossCycles());
  }

  @Test
  void aLostAgentsChatIsRequeuedAfterTheGracePeriodAndAssignedOnceToTheNextAgent() throws Exception {
    Fixtures.Agent lostAccount = fixtures.addAgent(1);
    Fixtures.Agent nextAccount = fixtures.addAgent(1);
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        Participant next = Participant.agent(node.http(), node.ws(), nextAccount)) {
      Participant lost = Participant.agent(node.http(), node.ws(), lostAccount);
      String conversationId = assignedTo(lost, visitor);
      lost.client().accept(conversationId).get();
      next.client().setStatus("online").get();

      long lostAt = System.nanoTime();
      lost.close(); // the console closes and never comes back
      ServerMessage.Assigned reassigned = next.await(ServerMessage.Assigned.class,
          a -> a.conversationId().equals(conversationId), Duration.ofSeconds(20));
      assertThat(reassigned.lastSeq()).isZero();
      Duration took = Duration.ofNanos(System.nanoTime() - lostAt);
      assertThat(took).as("not before the grace period").isGreaterThanOrEqualTo(Duration.ofSeconds(3));

      UUID id = UUID.fromString(conversationId);
      assertThat(conversations.find(id).orElseThrow().agentId()).isEqualTo(nextAccount.id());
      List<String> history = conversations.events(id).stream().map(ConversationEvent::kind).toList();
      assertThat(history).containsSubsequence("assigned", "requeued", "assigned");
      assertThat(history.stream().filter("requeued"::equals).count()).isEqualTo(1);
      assertThat(history.stream().filter("assigned"::equals).count()).isEqualTo(2);
      visitor.await(ServerMessage.Transferred.class);
      next.client().close(conversationId, "resolved").get();
    }
  }

  @Test
  void anAgentWhoReturnsWithinTheGracePeriodKeepsTheirChats() throws Exception {
    Fixtures.Agent account = fixtures.addAgent(2);
    Fixtures.Agent other = fixtures.addAgent(2);
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        Participant bystander = Participant.agent(node.http(), node.ws(), other)) {
      Participant agent = Participant.agent(node.http(), node.ws(), account);
      String conversationId = assignedTo(agent, visitor);
      bystander.client().setStatus("online").get();

      agent.close();
      awaitGracePeriodRunning(account.id()); // presence expired (TTL 2 s), grace (3 s) running
      try (Participant back = Participant.agent(node.http(), node.ws(), account)) {
        assertThat(back.await(ServerMessage.Welcome.class).conversations())
            .extracting(ServerMessage.ConversationState::conversationId).contains(conversationId);
        back.client().setStatus("online").get();
        moveWellPastTheGracePeriod();
        var conversation = conversations.find(UUID.fromString(conversationId)).orElseThrow();
        assertThat(conversation.status()).isEqualTo(ConversationStatus.ASSIGNED);
        assertThat(conversation.agentId()).isEqualTo(account.id());
        assertThat(bystander.events()).noneMatch(ServerMessage.Assigned.class::isInstance);
        back.client().close(conversationId, "resolved").get();
      }
    }
  }

  @Test
  void aReturningAgentGetsTheirChosenStatusBackWithoutSettingItButNotAfterChoosingOffline()
      throws Exception {
    Fixtures.Agent account = fixtures.addAgent(2);
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey)) {
      Participant agent = Participant.agent(node.http(), node.ws(), account);
      agent.client().setStatus("away").get();
      String conversationId = assignedTo(agent, visitor);

      agent.close(); // the connection is lost, as when a node stops; nothing is sent after it
      awaitGracePeriodRunning(account.id()); // presence expired (TTL 2 s), grace (3 s) running
      try (Participant back = Participant.agent(node.http(), node.ws(), account)) {
        assertThat(back.await(ServerMessage.Welcome.class).status()).isEqualTo("online");
        moveWellPastTheGracePeriod();
        var conversation = conversations.find(UUID.fromString(conversationId)).orElseThrow();
        assertThat(conversation.status()).isEqualTo(ConversationStatus.ASSIGNED);
        assertThat(conversation.agentId()).isEqualTo(account.id());

        // Choosing offline is final: a reconnect within the grace period stays offline.
        back.client().setStatus("offline").get();
      }
      try (Participant again = Participant.agent(node.http(), node.ws(), account)) {
        assertThat(again.await(ServerMessage.Welcome.class).status()).isEqualTo("offline");
      }
    }
  }
}
