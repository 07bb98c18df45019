package io.switchboard.server.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.checker.CheckReport;
import io.switchboard.checker.ClientHistory;
import io.switchboard.checker.HistoryChecker;
import io.switchboard.checker.HistoryRecorder;
import io.switchboard.checker.StoredHistoryReader;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.sdk.ChatClient;
import io.switchboard.sdk.SwitchboardHttp;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.TestServices;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * F10: one visitor on 40 connections, half on each of two nodes, asks to start a conversation on
 * all of them at once, then sends the same clientMsgId on all of them at once. There is one open
 * conversation, the message is stored once under one seq, every connection is acknowledged with
 * that seq, and every connection receives it exactly once.
 */
class DuplicateRequestFaultTest {
  private static final int CONNECTIONS = 40;
  private static TestNode nodeA;
  private static TestNode nodeB;
  private static Fixtures fixtures;

  @BeforeAll
  static void start() throws Exception {
    nodeA = TestNode.start();
    nodeB = TestNode.start();
    fixtures = Fixtures.create(nodeA.node().database().jdbi());
  }

  @AfterAll
  static void stop() {
    nodeA.close();
    nodeB.close();
  }

  @Test
  void oneVisitorStartsAndSendsTheSameMessageOnFortyConnectionsToTwoNodes() throws Exception {
    run("F10 same request x40 on 2 nodes", 3);
  }

  @Test
  @Tag("fault-long")
  void manyVisitorsStartAndSendTheSameMessagesOnFortyConnectionsEach() throws Exception {
    run("F10 same request x40 on 2 nodes (full)", FaultResults.setting("visitors", 25));
  }

  private void run(String scenario, int visitors) throws Exception {
    HistoryRecorder recorder = new HistoryRecorder();
    HttpClient httpClient = HttpClient.newHttpClient();
    List<ChatClient> clients = new ArrayList<>();
    long messagesPerVisitor = 3;
    try {
      for (int v = 0; v < visitors; v++) {
        String token = SwitchboardHttp.requestVisitorToken(nodeA.http(), fixtures.siteKey, null)
            .visitorToken();
        List<ChatClient> connections = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
          connections.add(ChatClient.builder((i % 2 == 0 ? nodeA : nodeB).ws()).token(token)
              .httpClient(httpClient).clientLog(recorder.log("visitor-" + v + "-" + i)).build());
        }
        clients.addAll(connections);
        all(connections.stream().map(ChatClient::connect).toList());
        List<ServerMessage.Started> started = all(connections.stream()
            .map(client -> client.start(fixtures.queueId, Map.of())).toList());
        Set<String> ids = started.stream().map(ServerMessage.Started::conversationId)
            .collect(Collectors.toSet());
        assertThat(ids).as("one conversation for one visitor").hasSize(1);
        String conversationId = ids.iterator().next();
        assertThat(openConversationsOfContact(conversationId)).isEqualTo(1);

        for (long m = 1; m <= messagesPerVisitor; m++) {
          String clientMsgId = UUID.randomUUID().toString();
          List<ServerMessage.Ack> acks = all(connections.stream()
              .map(client -> client.send(conversationId, clientMsgId, "same message")).toList());
          assertThat(acks).extracting(ServerMessage.Ack::seq).containsOnly(m);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> connections.stream()
            .allMatch(client -> client.lastSeq(conversationId) == messagesPerVisitor));
      }
      ClientHistory history = recorder.history();
      CheckReport report;
      try (Connection connection = DriverManager.getConnection(TestServices.jdbcUrl())) {
        report = HistoryChecker.check(history, StoredHistoryReader.read(connection,
            history.conversationIds(), List.of()), true);
      }
      long stored = history.conversationIds().size() * messagesPerVisitor;
      FaultResults.record(scenario, report.sent(), report.acknowledged(), report.lost(),
          report.duplicated(), null, report.clean());
      assertThat(report.violations()).as(report.summary(20)).isEmpty();
      assertThat(history.conversationIds()).hasSize(visitors);
      assertThat(report.sent()).as("distinct messages sent").isEqualTo(stored);
    } finally {
      clients.parallelStream().forEach(ChatClient::close);
      httpClient.shutdownNow();
    }
  }

  private static <T> List<T> all(List<CompletableFuture<T>> futures) {
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    return futures.stream().map(CompletableFuture::join).toList();
  }

  private static long openConversationsOfContact(String conversationId) throws Exception {
    try (Connection connection = DriverManager.getConnection(TestServices.jdbcUrl());
        PreparedStatement statement = connection.prepareStatement("""
            SELECT count(*) FROM conversations
            WHERE contact_id = (SELECT contact_id FROM conversations WHERE id = ?)
              AND status <> 'closed'""")) {
      statement.setObject(1, UUID.fromString(conversationId));
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
