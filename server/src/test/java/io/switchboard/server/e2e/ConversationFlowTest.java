package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.sdk.ChatClient;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.conversation.ConversationStatus;
import io.switchboard.server.store.message.MessageDao;
import io.switchboard.server.store.message.StoredMessage;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The whole slice through the SDK: a visitor queues, an agent comes online and is assigned, they
 * exchange 100 messages each way, the conversation closes, and PostgreSQL holds all 200 messages
 * with seq 1..200 and no gap.
 */
class ConversationFlowTest extends NodeTest {


  @Test
  void visitorAndAgentHoldAConversationThatIsStoredInOrder() throws Exception {
    Fixtures.Agent agentAccount = fixtures.addAgent(3);
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        Participant agent = Participant.agent(node.http(), node.ws(), agentAccount)) {
      // 1. The visitor starts a conversation and is queued, with a position.
      ServerMessage.Started started = visitor.client()
          .start(fixtures.queueId, Map.of("name", "Lena", "email", "lena@example.com")).get();
      assertThat(started.status()).isEqualTo("queued");
      String conversationId = started.conversationId();
      ServerMessage.QueuePosition position = visitor.await(ServerMessage.QueuePosition.class);
      assertThat(position.position()).isEqualTo(1);
      visitor.client().send(conversationId, "Hello, anyone there?").get();

      // 2. The agent comes online and is assigned; accepting tells the visitor.
      agent.client().setStatus("online").get();
      ServerMessage.Assigned assigned = agent.await(ServerMessage.Assigned.class);
      assertThat(assigned.conversationId()).isEqualTo(conversationId);
      assertThat(assigned.fields()).containsEntry("name", "Lena");
      agent.client().accept(conversationId).get();
      ServerMessage.AgentJoined joined = visitor.await(ServerMessage.AgentJoined.class);
      assertThat(joined.agent().name()).isEqualTo(agentAccount.name());
      // The agent sees the message written while waiting.
      await().atMost(Duration.ofSeconds(10)).until(() -> agent.messages(conversationId).size() == 1);

      // 3. 99 more from the visitor and 100 from the agent, interleaved, all acknowledged.
      List<CompletableFuture<ServerMessage.Ack>> acks = new ArrayList<>();
      for (int i = 1; i <= 100; i++) {
        if (i > 1) {
          acks.add(visitor.client().send(conversationId, "visitor " + i));
        }
        acks.add(agent.client().send(conversationId, "agent " + i));
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
      assertThat(acks).extracting(ack -> ack.join().seq()).doesNotHaveDuplicates();

      // Both sides receive all 200, each exactly once and in seq order.
      for (Participant side : List.of(visitor, agent)) {
        await().atMost(Duration.ofSeconds(15))
            .until(() -> side.messages(conversationId).size() >= 200);
        assertThat(side.messages(conversationId)).extracting(ServerMessage.Message::seq)
            .containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
      }

      // 4. The agent closes; the visitor is told.
      agent.client().close(conversationId, "resolved").get();
      ServerMessage.Closed closed = visitor.await(ServerMessage.Closed.class);
      assertThat(closed.lastSeq()).isEqualTo(200);
      assertThat(closed.disposition()).as("the disposition is for staff only").isNull();

      // 5. PostgreSQL holds all 200, seq 1..200, no gap, in the order each side sent them.
      UUID id = UUID.fromString(conversationId);
      List<StoredMessage> stored = new MessageDao(node.node().database().jdbi()).after(id, 0, 1000);
      assertThat(stored).extracting(StoredMessage::seq)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, 200).boxed().toList());
      assertThat(stored.stream().filter(m -> m.senderRole().equals("agent")).map(StoredMessage::body))
          .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 100)
              .mapToObj(i -> "agent " + i).toList());
      assertThat(stored.stream().filter(m -> m.senderRole().equals("visitor")).count()).isEqualTo(100);
      var conversation = new ConversationDao(node.node().database().jdbi()).find(id).orElseThrow();
      assertThat(conversation.status()).isEqualTo(ConversationStatus.CLOSED);
      assertThat(conversation.agentId()).isEqualTo(agentAccount.id());
      assertThat(conversation.firstAgentResponseAt()).isNotNull();
      assertThat(conversation.closedAt()).isNotNull();
    }
  }

  @Test
  void theSameClientMsgIdSentTwiceIsStoredOnce() throws Exception {
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey)) {
      ChatClient client = visitor.client();
      String conversationId = client.start(fixtures.queueId, Map.of()).get().conversationId();
      String clientMsgId = UUID.randomUUID().toString();
      ServerMessage.Ack first = client.send(conversationId, clientMsgId, "only once").get();
      ServerMessage.Ack second = client.send(conversationId, clientMsgId, "only once").get();
      assertThat(second.seq()).isEqualTo(first.seq());
      UUID id = UUID.fromString(conversationId);
      assertThat(new MessageDao(node.node().database().jdbi()).count(id)).isEqualTo(1);
      client.close(conversationId, null).get();
    }
  }

  @Test
  void aVisitorWhoStartsTwiceGetsTheSameOpenConversation() throws Exception {
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey)) {
      String first = visitor.client().start(fixtures.queueId, Map.of()).get().conversationId();
      String again = visitor.client().start(fixtures.queueId, Map.of()).get().conversationId();
      assertThat(again).isEqualTo(first);
      visitor.client().close(first, null).get();
      String next = visitor.client().start(fixtures.queueId, Map.of()).get().conversationId();
      assertThat(next).isNotEqualTo(first);
      visitor.client().close(next, null).get();
    }
  }
}
