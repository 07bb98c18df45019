package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.store.message.MessageDao;
import io.switchboard.server.store.message.StoredMessage;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes share one PostgreSQL and one Redis. The visitor is on node A and the agent on node B:
 * assignment, the join and 500 messages each way cross nodes through Redis pub/sub, and each side
 * receives every message once, in seq order.
 */
class CrossNodeTest {
  private static final int EACH_WAY = 500;
  private static TestNode nodeA;
  private static TestNode nodeB;
  private static Fixtures fixtures;

  @BeforeAll
  static void start() throws Exception {
    nodeA = TestNode.start(Map.of("SWITCHBOARD_NODE_ID", "node-a"));
    nodeB = TestNode.start(Map.of("SWITCHBOARD_NODE_ID", "node-b"));
    fixtures = Fixtures.create(nodeA.node().database().jdbi());
  }

  @AfterAll
  static void stop() {
    nodeA.close();
    nodeB.close();
  }

  @Test
  void visitorOnOneNodeAndAgentOnAnotherExchangeEveryMessageInOrder() throws Exception {
    assertThat(nodeB.node().liveNodes()).as("both nodes registered with a heartbeat")
        .contains("node-a", "node-b");
    Fixtures.Agent account = fixtures.addAgent(2);
    try (Participant visitor = Participant.visitor(nodeA.http(), nodeA.ws(), fixtures.siteKey);
        Participant agent = Participant.agent(nodeB.http(), nodeB.ws(), account)) {
      String conversationId = visitor.client().start(fixtures.queueId, Map.of("name", "Cross"))
          .get().conversationId();
      agent.client().setStatus("online").get();
      agent.await(ServerMessage.Assigned.class, a -> a.conversationId().equals(conversationId),
          Duration.ofSeconds(10));
      agent.client().accept(conversationId).get();
      visitor.await(ServerMessage.AgentJoined.class);

      List<CompletableFuture<ServerMessage.Ack>> acks = new ArrayList<>();
      for (int i = 1; i <= EACH_WAY; i++) {
        acks.add(visitor.client().send(conversationId, "v" + i));
        acks.add(agent.client().send(conversationId, "a" + i));
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
      int total = 2 * EACH_WAY;
      List<Long> expected = LongStream.rangeClosed(1, total).boxed().toList();
      for (Participant side : List.of(visitor, agent)) {
        await().atMost(Duration.ofSeconds(30)).until(() -> side.messages(conversationId).size() >= total);
        assertThat(side.messages(conversationId)).extracting(ServerMessage.Message::seq)
            .containsExactlyElementsOf(expected);
      }
      // Each side's own messages arrive at the other in the order they were sent.
      List<String> visitorTexts = agent.messages(conversationId).stream()
          .filter(m -> m.sender().role().equals("visitor")).map(ServerMessage.Message::text).toList();
      assertThat(visitorTexts).containsExactlyElementsOf(
          java.util.stream.IntStream.rangeClosed(1, EACH_WAY).mapToObj(i -> "v" + i).toList());
      List<StoredMessage> stored = new MessageDao(nodeA.node().database().jdbi())
          .after(UUID.fromString(conversationId), 0, 2000);
      assertThat(stored).extracting(StoredMessage::seq).containsExactlyElementsOf(expected);
      agent.client().close(conversationId, "resolved").get();
      visitor.await(ServerMessage.Closed.class);
    }
  }
}
