package io.switchboard.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ServerMessage;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OutboxTest {
  private final Outbox outbox = new Outbox();

  private Outbox.Entry add(String conversationId, String clientMsgId) {
    return outbox.add(conversationId, clientMsgId, "text " + clientMsgId, new CompletableFuture<>());
  }

  private static ServerMessage.Ack ack(String commandId, String conversationId,
      String clientMsgId, long seq) {
    return new ServerMessage.Ack(commandId, conversationId, clientMsgId, seq, Instant.EPOCH);
  }

  @Test
  void sendsTheOldestEntryOfEachConversationInOutboxOrder() {
    Outbox.Entry a1 = add("a", "a1");
    add("a", "a2");
    Outbox.Entry b1 = add("b", "b1");
    assertThat(outbox.sendable()).containsExactly(a1, b1);

    outbox.markWritten(a1, "1");
    outbox.markWritten(b1, "2");
    assertThat(outbox.sendable()).as("one in flight per conversation").isEmpty();

    outbox.acknowledge(ack("1", "a", "a1", 1));
    assertThat(outbox.sendable()).extracting(entry -> entry.clientMsgId).containsExactly("a2");
  }

  @Test
  void theFirstAckCompletesTheFutureAndLaterOnesAreIgnored() {
    Outbox.Entry entry = add("a", "m1");
    outbox.markWritten(entry, "1");
    outbox.failedTemporarily(entry);
    outbox.retryNow(entry);
    outbox.markWritten(entry, "2");

    assertThat(outbox.acknowledge(ack("1", "a", "m1", 5))).as("late ack of attempt 1").isSameAs(entry);
    assertThat(outbox.acknowledge(ack("2", "a", "m1", 5))).isNull();
    assertThat(entry.result).isCompletedWithValue(ack("1", "a", "m1", 5));
    assertThat(outbox.size()).isZero();
    assertThat(outbox.forCommand("2")).isNull();
  }

  @Test
  void aTemporaryFailureKeepsTheEntryAndHoldsItUntilTheBackoffIsOver() {
    Outbox.Entry entry = add("a", "m1");
    add("a", "m2");
    outbox.markWritten(entry, "1");
    outbox.failedTemporarily(entry);

    assertThat(outbox.contains(entry)).isTrue();
    assertThat(entry.result).isNotDone();
    assertThat(entry.temporaryFailures()).isEqualTo(1);
    assertThat(outbox.forCommand("1")).isNull();
    assertThat(outbox.sendable()).as("m2 must not overtake m1").isEmpty();

    outbox.retryNow(entry);
    assertThat(outbox.sendable()).containsExactly(entry);
    assertThat(outbox.markWritten(entry, "3")).as("not the first write").isFalse();
  }

  @Test
  void aPermanentFailureRemovesTheEntryAndFailsItsFuture() {
    Outbox.Entry entry = add("a", "m1");
    Outbox.Entry next = add("a", "m2");
    outbox.markWritten(entry, "1");
    outbox.failedPermanently(entry, new ChatException(ErrorCode.TOO_LARGE, "too long"));

    assertThat(outbox.contains(entry)).isFalse();
    assertThat(entry.result).isCompletedExceptionally();
    assertThat(outbox.sendable()).containsExactly(next);
  }

  @Test
  void theSameClientMsgIdTwiceIsOneEntry() {
    Outbox.Entry first = add("a", "m1");
    Outbox.Entry again = add("a", "m1");
    assertThat(again).isSameAs(first);
    assertThat(outbox.size()).isEqualTo(1);
  }

  @Test
  void aLostConnectionMakesEveryEntrySendableAgainInOrder() {
    Outbox.Entry a1 = add("a", "a1");
    Outbox.Entry b1 = add("b", "b1");
    outbox.markWritten(a1, "1");
    outbox.markWritten(b1, "2");
    outbox.failedTemporarily(b1);

    outbox.connectionLost();
    assertThat(outbox.sendable()).containsExactly(a1, b1);
    assertThat(outbox.forCommand("1")).isNull();
  }

  @Test
  void failAllFailsEveryFuture() {
    Outbox.Entry a1 = add("a", "a1");
    Outbox.Entry b1 = add("b", "b1");
    outbox.failAll(new ChatException(ErrorCode.UNAVAILABLE, "client closed"));
    assertThat(a1.result).isCompletedExceptionally();
    assertThat(b1.result).isCompletedExceptionally();
    assertThat(outbox.size()).isZero();
  }
}
