package io.switchboard.server.store.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.user.User;
import io.switchboard.server.testing.RowLock;
import io.switchboard.server.testing.StoreFixture;
import io.switchboard.server.testing.TestWriters;
import io.switchboard.server.util.SwitchboardException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitRejectionTest {
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

  private static void assertRejected(CompletableFuture<AppendResult> future, ErrorCode code) {
    assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(SwitchboardException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private static void assertInvalid(ThrowingCallable construction, ErrorCode code) {
    assertThatThrownBy(construction).isInstanceOfSatisfying(SwitchboardException.class,
        e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void badRequestsAreRejectedAloneWhileTheirBatchCommits() throws Exception {
    GroupCommitMessageWriter writer = writer(WriterSettings.defaults().withShards(1));
    User agent = fixture.newAgent();
    User intruder = fixture.newAgent();
    Conversation assigned = fixture.newAssignedConversation(agent.id());
    Conversation queued = fixture.newConversation();
    Conversation closed = fixture.newConversation();
    String closedVisitor = closed.contactId().toString();
    AppendRequest beforeClose =
        new AppendRequest(closed.id(), "early", "visitor", closedVisitor, "before close");
    long earlySeq = result(writer.append(beforeClose)).message().seq();
    fixture.conversations.close(closed.id(), "visitor", null);
    String visitor = assigned.contactId().toString();
    Conversation blocker = fixture.newConversation();

    List<CompletableFuture<AppendResult>> batch = new ArrayList<>();
    try (RowLock lock = new RowLock(blocker.id())) {
      writer.append(new AppendRequest(
          blocker.id(), "b", "visitor", blocker.contactId().toString(), "blocked"));
      lock.awaitWaiter();
      batch.add(writer.append(new AppendRequest(assigned.id(), "v1", "visitor", visitor, "hi")));
      batch.add(writer.append(new AppendRequest(
          assigned.id(), "x1", "agent", intruder.id().toString(), "not mine")));
      batch.add(writer.append(new AppendRequest(closed.id(), "c1", "visitor", closedVisitor, "?")));
      batch.add(writer.append(new AppendRequest(UUID.randomUUID(), "u1", "system", "s", "?")));
      batch.add(writer.append(new AppendRequest(
          queued.id(), "q1", "agent", agent.id().toString(), "not assigned yet")));
      batch.add(writer.append(new AppendRequest(
          assigned.id(), "a1", "agent", agent.id().toString().toUpperCase(), "hello")));
      batch.add(writer.append(beforeClose));
      batch.add(writer.append(new AppendRequest(assigned.id(), "v1", "agent", "other", "clash")));
      batch.add(writer.append(new AppendRequest(queued.id(), "s1", "system", "router", "wait")));
    }

    assertThat(result(batch.get(0)).message().seq()).isEqualTo(1);
    assertRejected(batch.get(1), ErrorCode.FORBIDDEN);
    assertRejected(batch.get(2), ErrorCode.CONVERSATION_CLOSED);
    assertRejected(batch.get(3), ErrorCode.NOT_FOUND);
    assertRejected(batch.get(4), ErrorCode.FORBIDDEN);
    assertThat(result(batch.get(5)).message().seq()).isEqualTo(2);
    assertThat(result(batch.get(6)).duplicate()).isTrue();
    assertThat(result(batch.get(6)).message().seq()).isEqualTo(earlySeq);
    assertRejected(batch.get(7), ErrorCode.CONFLICT);
    assertThat(result(batch.get(8)).message().seq()).isEqualTo(1);
    assertThat(writer.batchesCommitted()).isEqualTo(3);

    assertThat(fixture.messages.after(assigned.id(), 0, 10))
        .extracting(StoredMessage::clientMsgId).containsExactly("v1", "a1");
    assertThat(fixture.messages.count(closed.id())).isEqualTo(1);
    Conversation after = fixture.conversations.find(assigned.id()).orElseThrow();
    assertThat(after.lastSeq()).isEqualTo(2);
    assertThat(after.firstAgentResponseAt()).isNotNull();
    assertThat(fixture.conversations.find(queued.id()).orElseThrow().firstAgentResponseAt())
        .isNull();
  }

  @Test
  void requestsPostgresWouldRefuseAreRejectedBeforeQueueing() {
    UUID id = UUID.randomUUID();
    assertInvalid(() -> new AppendRequest(id, "m", "visitor", "v", "nul\0"),
        ErrorCode.INVALID_FIELD);
    assertInvalid(() -> new AppendRequest(id, "m", "robot", "v", "hi"), ErrorCode.INVALID_FIELD);
    assertInvalid(() -> new AppendRequest(id, "", "visitor", "v", "hi"), ErrorCode.INVALID_FIELD);
    assertInvalid(() -> new AppendRequest(id, "m".repeat(201), "visitor", "v", "hi"),
        ErrorCode.INVALID_FIELD);
    assertInvalid(() -> new AppendRequest(id, "m", "visitor", "v", null), ErrorCode.INVALID_FIELD);
    assertInvalid(() -> new AppendRequest(id, "m", "visitor", "v", "x".repeat(1_000_001)),
        ErrorCode.TOO_LARGE);
  }

  @Test
  void aFullShardFailsFastInsteadOfBlocking() throws Exception {
    GroupCommitMessageWriter writer =
        writer(WriterSettings.defaults().withShards(1).withQueueCapacity(2));
    Conversation blocker = fixture.newConversation();
    Conversation c = fixture.newConversation();
    String visitor = c.contactId().toString();
    List<CompletableFuture<AppendResult>> accepted = new ArrayList<>();
    try (RowLock lock = new RowLock(blocker.id())) {
      accepted.add(writer.append(new AppendRequest(
          blocker.id(), "b", "visitor", blocker.contactId().toString(), "blocked")));
      lock.awaitWaiter();
      accepted.add(writer.append(new AppendRequest(c.id(), "1", "visitor", visitor, "one")));
      accepted.add(writer.append(new AppendRequest(c.id(), "2", "visitor", visitor, "two")));
      CompletableFuture<AppendResult> overflow =
          writer.append(new AppendRequest(c.id(), "3", "visitor", visitor, "three"));
      assertThat(overflow).isCompletedExceptionally();
      assertRejected(overflow, ErrorCode.UNAVAILABLE);
    }
    for (CompletableFuture<AppendResult> future : accepted) {
      assertThat(result(future).duplicate()).isFalse();
    }
    assertThat(fixture.messages.count(c.id())).isEqualTo(2);
  }

  @Test
  void closeWritesWhatIsQueuedThenRefuses() throws Exception {
    GroupCommitMessageWriter writer = writer(WriterSettings.defaults());
    Conversation c = fixture.newConversation();
    String visitor = c.contactId().toString();
    List<CompletableFuture<AppendResult>> sent = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      sent.add(writer.append(new AppendRequest(c.id(), "m" + i, "visitor", visitor, "x")));
    }
    writer.close();
    for (CompletableFuture<AppendResult> future : sent) {
      assertThat(future).isCompleted();
      assertThat(result(future).duplicate()).isFalse();
    }
    assertThat(fixture.messages.count(c.id())).isEqualTo(200);
    assertRejected(writer.append(new AppendRequest(c.id(), "late", "visitor", visitor, "x")),
        ErrorCode.UNAVAILABLE);
  }
}
