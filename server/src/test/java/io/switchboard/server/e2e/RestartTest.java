package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.sdk.ConnectionState;
import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.store.message.MessageDao;
import io.switchboard.server.store.message.StoredMessage;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeProcess;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.RawSocket;
import io.switchboard.server.testing.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server process is killed with SIGKILL in the middle of a conversation and started again.
 * Both clients reconnect and resume; every message acknowledged before the kill is stored exactly
 * once, the messages sent around the kill are delivered from the outboxes exactly once, and no seq
 * is missing on either side.
 */
class RestartTest {
  private static Database database;
  private static Fixtures fixtures;

  @BeforeAll
  static void open() {
    database = Database.open(DatabaseSettings.defaults(TestServices.jdbcUrl()));
    fixtures = Fixtures.create(database.jdbi());
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Test
  void bothClientsResumeAfterKillDashNineAndNothingIsLostOrDoubled() throws Exception {
    int port = NodeProcess.freePort();
    Fixtures.Agent account = fixtures.addAgent(2);
    NodeProcess first = NodeProcess.start(port, Map.of());
    try (Participant visitor = Participant.visitor(first.http(), first.ws(), fixtures.siteKey);
        Participant agent = Participant.agent(first.http(), first.ws(), account)) {
      String conversationId = visitor.client().start(fixtures.queueId, Map.of()).get().conversationId();
      agent.client().setStatus("online").get();
      agent.await(ServerMessage.Assigned.class);
      agent.client().accept(conversationId).get();

      List<CompletableFuture<ServerMessage.Ack>> acks = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        acks.add(visitor.client().send(conversationId, "before " + i));
        acks.add(agent.client().send(conversationId, "before agent " + i));
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
      Map<String, Long> ackedBeforeKill = acks.stream().map(CompletableFuture::join)
          .collect(Collectors.toMap(ServerMessage.Ack::clientMsgId, ServerMessage.Ack::seq));

      // Sends in flight while the node dies, and more while it is down.
      for (int i = 0; i < 20; i++) {
        acks.add(visitor.client().send(conversationId, "around " + i));
        acks.add(agent.client().send(conversationId, "around agent " + i));
      }
      first.kill();
      for (int i = 0; i < 10; i++) {
        acks.add(visitor.client().send(conversationId, "while down " + i));
        acks.add(agent.client().send(conversationId, "while down agent " + i));
      }
      await().atMost(Duration.ofSeconds(5)).until(() ->
          visitor.client().state() == ConnectionState.RECONNECTING
              && agent.client().state() == ConnectionState.RECONNECTING);

      try (NodeProcess second = NodeProcess.start(port, Map.of())) {
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
        int total = acks.size();
        assertThat(total).isEqualTo(100);

        UUID id = UUID.fromString(conversationId);
        List<StoredMessage> stored = new MessageDao(database.jdbi()).after(id, 0, 1000);
        assertThat(stored).extracting(StoredMessage::seq)
            .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        Map<String, Long> storedSeq = stored.stream()
            .collect(Collectors.toMap(StoredMessage::clientMsgId, StoredMessage::seq));
        assertThat(storedSeq).as("acknowledged before the kill, unchanged")
            .containsAllEntriesOf(ackedBeforeKill);
        for (var ack : acks) {
          assertThat(storedSeq.get(ack.join().clientMsgId())).isEqualTo(ack.join().seq());
        }
        for (Participant side : List.of(visitor, agent)) {
          await().atMost(Duration.ofSeconds(20))
              .until(() -> side.messages(conversationId).size() >= total);
          assertThat(side.messages(conversationId)).extracting(ServerMessage.Message::seq)
              .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        }
        agent.client().close(conversationId, "resolved").get();
      }
    } finally {
      first.close();
    }
  }

  @Test
  void gracefulShutdownTellsClientsToReconnect() throws Exception {
    int port = NodeProcess.freePort();
    NodeProcess node = NodeProcess.start(port, Map.of());
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        RawSocket raw = RawSocket.connect(node.ws(), Http.visitorToken(node.http(), fixtures.siteKey))) {
      raw.next("welcome");
      node.terminate();
      assertThat(raw.closeCode()).as("1001 going away: reconnect").isEqualTo(1001);
      await().atMost(Duration.ofSeconds(10))
          .until(() -> visitor.states().contains(ConnectionState.RECONNECTING));
      assertThat(visitor.states()).doesNotContain(ConnectionState.CLOSED);
      assertThat(node.logLines()).anyMatch(line -> line.contains("shutting down"));
    } finally {
      node.close();
    }
  }
}
