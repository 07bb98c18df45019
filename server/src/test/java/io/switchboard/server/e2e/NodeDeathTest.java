package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ConversationEvent;
import io.switchboard.server.testing.Cycles;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeProcess;
import io.switchboard.server.testing.OffsetClock;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.TestServices;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three nodes. The visitor is on node A; the agent is on node B, a real process that is killed with
 * SIGKILL. If the agent reconnects to node C within the grace period, they keep the chat. If they
 * never come back, the chat is requeued after the grace period and assigned to another agent on
 * node C, exactly once. (Presence TTL 2 s, grace 6 s here. Nodes A and C judge the grace period
 * by a clock the tests move past it instead of waiting it out.)
 */
class NodeDeathTest {
  private static final Duration TTL = Duration.ofSeconds(2);
  private static final Duration GRACE = Duration.ofSeconds(6);
  private static final Map<String, String> SETTINGS = Map.of(
      "SWITCHBOARD_PRESENCE_TTL_SECONDS", Long.toString(TTL.toSeconds()),
      "SWITCHBOARD_AGENT_GRACE_SECONDS", Long.toString(GRACE.toSeconds()));
  private static final OffsetClock MONITOR_CLOCK = new OffsetClock();
  private static TestNode nodeA;
  private static TestNode nodeC;
  private static Database database;
  private Fixtures fixtures;
  /** When node B was killed (System.nanoTime). */
  private long killedAt;

  @BeforeAll
  static void start() throws Exception {
    nodeA = TestNode.start(SETTINGS, Clock.systemUTC(), MONITOR_CLOCK);
    nodeC = TestNode.start(SETTINGS, Clock.systemUTC(), MONITOR_CLOCK);
    database = Database.open(DatabaseSettings.defaults(TestServices.jdbcUrl()));
  }

  @AfterAll
  static void stop() {
    nodeA.close();
    nodeC.close();
    database.close();
  }

  @BeforeEach
  void freshSite() {
    fixtures = Fixtures.create(database.jdbi());
  }

  private String chatWithAgentOnKilledNode(Participant visitor, Fixtures.Agent account,
      NodeProcess nodeB) throws Exception {
    Participant agent = Participant.agent(nodeB.http(), nodeB.ws(), account);
    agent.client().setStatus("online").get();
    String conversationId = visitor.client().start(fixtures.queueId, Map.of()).get().conversationId();
    agent.await(ServerMessage.Assigned.class);
    agent.client().accept(conversationId).get();
    agent.client().send(conversationId, "hello from node B").get();
    nodeB.kill();
    killedAt = System.nanoTime();
    agent.close();
    return conversationId;
  }

  @Test
  void anAgentWhoReconnectsToAnotherNodeWithinTheGracePeriodKeepsTheChat() throws Exception {
    Fixtures.Agent account = fixtures.addAgent(2);
    String nodeBId = "node-b-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> nodeBSettings = new HashMap<>(SETTINGS);
    nodeBSettings.put("SWITCHBOARD_NODE_ID", nodeBId);
    try (NodeProcess nodeB = NodeProcess.start(NodeProcess.freePort(), nodeBSettings);
        Participant visitor = Participant.visitor(nodeA.http(), nodeA.ws(), fixtures.siteKey)) {
      String conversationId = chatWithAgentOnKilledNode(visitor, account, nodeB);
      try (Participant back = Participant.agent(nodeC.http(), nodeC.ws(), account)) {
        assertThat(back.await(ServerMessage.Welcome.class).conversations())
            .extracting(ServerMessage.ConversationState::conversationId).containsExactly(conversationId);
        back.client().setStatus("online").get();
        // Past the TTL: node B's registration is gone from Redis, and anything it wrote with the
        // presence TTL has expired (Redis TTLs: real time).
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() ->
            !nodeA.node().liveNodes().contains(nodeBId)
                && System.nanoTime() - killedAt > TTL.toNanos());
        // And past the grace period: move the clock of nodes A and C beyond it and let each
        // node's loss monitor run a whole cycle.
        MONITOR_CLOCK.advance(GRACE.plusSeconds(2));
        Cycles.awaitWholeCycle(nodeA.node().agentLossCycles(), nodeC.node().agentLossCycles());
        assertThat(new ConversationDao(database.jdbi()).find(UUID.fromString(conversationId))
            .orElseThrow().agentId()).isEqualTo(account.id());
        // The chat goes on across nodes A and C.
        visitor.client().send(conversationId, "still there?").get();
        back.await(ServerMessage.Message.class, m -> m.text().equals("still there?"), Duration.ofSeconds(10));
        back.client().close(conversationId, "resolved").get();
      }
    }
  }

  @Test
  void whenTheAgentNeverReturnsTheChatGoesToAnotherAgentExactlyOnce() throws Exception {
    Fixtures.Agent lost = fixtures.addAgent(1);
    Fixtures.Agent other = fixtures.addAgent(1);
    try (NodeProcess nodeB = NodeProcess.start(NodeProcess.freePort(), SETTINGS);
        Participant visitor = Participant.visitor(nodeA.http(), nodeA.ws(), fixtures.siteKey)) {
      String conversationId = chatWithAgentOnKilledNode(visitor, lost, nodeB);
      try (Participant next = Participant.agent(nodeC.http(), nodeC.ws(), other)) {
        next.client().setStatus("online").get();
        next.await(ServerMessage.Assigned.class, a -> a.conversationId().equals(conversationId),
            Duration.ofSeconds(25));
        // The new agent gets the transcript, including what the lost agent wrote.
        next.await(ServerMessage.Message.class, m -> m.text().equals("hello from node B"),
            Duration.ofSeconds(10));
        List<String> history = new ConversationDao(database.jdbi()).events(UUID.fromString(conversationId))
            .stream().map(ConversationEvent::kind).toList();
        assertThat(history).containsExactly("queued", "assigned", "accepted", "requeued", "assigned");
        assertThat(Http.get(nodeC.http(), "/v1/me", Http.agentToken(nodeC.http(), other)).status())
            .isEqualTo(200);
        next.client().close(conversationId, "resolved").get();
      }
    }
  }
}
