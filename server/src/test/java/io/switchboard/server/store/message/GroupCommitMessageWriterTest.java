package io.switchboard.server.store.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.user.User;
import io.switchboard.server.testing.RowLock;
import io.switchboard.server.testing.StoreFixture;
import io.switchboard.server.testing.TestServices;
import io.switchboard.server.testing.TestWriters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitMessageWriterTest {
  private final StoreFixture fixture = new StoreFixture();
  private final TestWriters writers = new TestWriters();

  private GroupCommitMessageWriter writer(WriterSettings settings) {
    return writers.open(settings);
  }

  @AfterEach
  void closeWriters() {
    writers.close();
  }

  private static AppendResult result(CompletableFuture<AppendResult> future) throws Exception {
    return TestWriters.result(future);
  }

  @Test
  void concurrentSendersGetGaplessSeqsInTheirOwnOrder() throws Exception {
    GroupCommitMessageWriter writer = writer(WriterSettings.defaults());
    User agent = fixture.newAgent();
    List<Conversation> conversations = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      conversations.add(fixture.newAssignedConversation(agent.id()));
    }
    Map<String, CompletableFuture<AppendResult>> sent = new ConcurrentHashMap<>();
    try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
      for (int thread = 0; thread < 8; thread++) {
        int t = thread;
        senders.submit(() -> {
          for (int i = 0; i < 125; i++) {
            Conversation c = conversations.get((t * 7 + i) % conversations.size());
            boolean asAgent = t % 2 == 1;
            String sender = asAgent ? agent.id().toString() : c.contactId().toString();
            String id = "t" + t + "-" + i;
            sent.put(id, writer.append(new AppendRequest(
                c.id(), id, asAgent ? "agent" : "visitor", sender, t + ":" + i)));
          }
        });
      }
    }
    CompletableFuture.allOf(sent.values().toArray(CompletableFuture[]::new))
        .get(30, TimeUnit.SECONDS);

    int total = 0;
    for (Conversation c : conversations) {
      List<StoredMessage> stored = fixture.messages.after(c.id(), 0, 10_000);
      total += stored.size();
      for (int i = 0; i < stored.size(); i++) {
        assertThat(stored.get(i).seq()).isEqualTo(i + 1);
        StoredMessage message = stored.get(i);
        assertThat(result(sent.get(message.clientMsgId())).message().seq()).isEqualTo(message.seq());
      }
      Map<String, Integer> lastIndexPerThread = new HashMap<>();
      for (StoredMessage message : stored) {
        String[] parts = message.body().split(":");
        int index = Integer.parseInt(parts[1]);
        Integer previous = lastIndexPerThread.put(parts[0], index);
        assertThat(previous == null || previous < index)
            .as("thread %s order in %s", parts[0], c.id()).isTrue();
      }
      Conversation after = fixture.conversations.find(c.id()).orElseThrow();
      assertThat(after.lastSeq()).isEqualTo(stored.size());
      assertThat(fixture.messages.count(c.id())).isEqualTo(stored.size());
      assertThat(after.firstAgentResponseAt()).isNotNull();
    }
    assertThat(total).isEqualTo(1000);
    assertThat(writer.messagesWritten()).isEqualTo(1000);
    assertThat(writer.batchesCommitted()).isBetween(1L, 1000L);
  }

  @Test
  void closeEndsIdleShardsAtOnceAndRefusesLaterMessages() throws Exception {
    // 200 ms to close: less than an idle shard's poll, so only close()'s wake-up ends it in time.
    GroupCommitMessageWriter writer = writer(
        new WriterSettings(2, 512, 10_000, Duration.ZERO, Duration.ofMillis(200)));
    Conversation c = fixture.newConversation();
    AppendRequest before =
        new AppendRequest(c.id(), "before", "visitor", c.contactId().toString(), "hello");
    assertThat(result(writer.append(before)).message().seq()).isEqualTo(1);
    // Idle shards wait for work, the one that wrote finishes its pass: either way only the
    // wake-up ends it within the close timeout.
    writer.close();

    assertThat(writer.running()).as("writer threads alive after close").isFalse();
    AppendRequest after =
        new AppendRequest(c.id(), "after", "visitor", c.contactId().toString(), "late");
    assertThat(writer.append(after)).failsWithin(Duration.ofSeconds(5));
    assertThat(fixture.messages.count(c.id())).isEqualTo(1);
  }

  @Test
  void aRetriedClientMsgIdIsStoredOnce() throws Exception {
    GroupCommitMessageWriter writer = writer(WriterSettings.defaults());
    Conversation c = fixture.newConversation();
    AppendRequest request =
        new AppendRequest(c.id(), "once", "visitor", c.contactId().toString(), "hello");

    AppendResult first = result(writer.append(request));
    AppendResult retry = result(writer.append(request));
    assertThat(first.duplicate()).isFalse();
    assertThat(retry.duplicate()).isTrue();
    assertThat(retry.message()).isEqualTo(first.message());
    assertThat(fixture.messages.count(c.id())).isEqualTo(1);
  }

  @Test
  void concurrentRetriesAreStoredOnce() throws Exception {
    GroupCommitMessageWriter writer = writer(WriterSettings.defaults());
    Conversation c = fixture.newConversation();
    String visitor = c.contactId().toString();
    try (ExecutorService senders = Executors.newFixedThreadPool(2)) {
      for (int i = 0; i < 20; i++) {
        AppendRequest request = new AppendRequest(c.id(), "dup-" + i, "visitor", visitor, "hi");
        CyclicBarrier together = new CyclicBarrier(2);
        var a = senders.submit(() -> {
          together.await();
          return result(writer.append(request));
        });
        var b = senders.submit(() -> {
          together.await();
          return result(writer.append(request));
        });
        assertThat(a.get().message().seq()).isEqualTo(b.get().message().seq());
        assertThat(a.get().duplicate() ^ b.get().duplicate()).isTrue();
      }
    }
    assertThat(fixture.messages.count(c.id())).isEqualTo(20);
  }

  @Test
  void aRetryWithinOneBatchGetsTheFirstSeq() throws Exception {
    GroupCommitMessageWriter writer = writer(WriterSettings.defaults().withShards(1));
    Conversation blocker = fixture.newConversation();
    Conversation c = fixture.newConversation();
    AppendRequest request =
        new AppendRequest(c.id(), "same", "visitor", c.contactId().toString(), "twice");
    CompletableFuture<AppendResult> first;
    CompletableFuture<AppendResult> second;
    try (RowLock lock = new RowLock(blocker.id())) {
      writer.append(new AppendRequest(
          blocker.id(), "b", "visitor", blocker.contactId().toString(), "blocked"));
      lock.awaitWaiter();
      first = writer.append(request);
      second = writer.append(request);
      assertThat(writer.queued()).isEqualTo(2);
    }
    assertThat(result(first).duplicate()).isFalse();
    assertThat(result(second).duplicate()).isTrue();
    assertThat(result(second).message()).isEqualTo(result(first).message());
    assertThat(writer.batchesCommitted()).isEqualTo(2);
    assertThat(fixture.messages.count(c.id())).isEqualTo(1);
  }

  @Test
  void twoNodesWritingOneConversationKeepSeqsGapless() throws Exception {
    GroupCommitMessageWriter nodeA = writer(WriterSettings.defaults());
    try (Database secondNode = Database.open(
        DatabaseSettings.defaults(TestServices.jdbcUrl())
            .withPoolSize(4))) {
      GroupCommitMessageWriter nodeB = new GroupCommitMessageWriter(secondNode.dataSource());
      List<Conversation> conversations = List.of(
          fixture.newConversation(), fixture.newConversation(), fixture.newConversation());
      List<CompletableFuture<AppendResult>> sent = new ArrayList<>();
      try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
        for (int thread = 0; thread < 8; thread++) {
          int t = thread;
          GroupCommitMessageWriter node = t % 2 == 0 ? nodeA : nodeB;
          senders.submit(() -> {
            for (int i = 0; i < 60; i++) {
              Conversation c = conversations.get(i % conversations.size());
              String visitor = c.contactId().toString();
              // Every message goes to both nodes, as a client retrying elsewhere would do.
              String id = "n" + (t / 2) + "-" + i;
              synchronized (sent) {
                sent.add(node.append(new AppendRequest(c.id(), id, "visitor", visitor, id)));
              }
            }
          });
        }
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      nodeB.close();
      for (Conversation c : conversations) {
        List<StoredMessage> stored = fixture.messages.after(c.id(), 0, 10_000);
        assertThat(stored).hasSize(80);
        for (int i = 0; i < stored.size(); i++) {
          assertThat(stored.get(i).seq()).isEqualTo(i + 1);
        }
        assertThat(stored).extracting(StoredMessage::clientMsgId).doesNotHaveDuplicates();
      }
      assertThat(sent.stream().filter(f -> f.join().duplicate()).count()).isEqualTo(240);
    }
  }
}
