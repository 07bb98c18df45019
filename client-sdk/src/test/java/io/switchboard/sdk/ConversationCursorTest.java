package io.switchboard.sdk;

import static io.switchboard.sdk.ConversationCursor.Arrival.DELIVER;
import static io.switchboard.sdk.ConversationCursor.Arrival.DUPLICATE;
import static io.switchboard.sdk.ConversationCursor.Arrival.GAP;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConversationCursorTest {
  private final ConversationCursor cursor = new ConversationCursor("c1");

  @Test
  void deliversConsecutiveSeqsAndDropsDuplicates() {
    assertThat(cursor.offer(1)).isEqualTo(DELIVER);
    assertThat(cursor.offer(2)).isEqualTo(DELIVER);
    assertThat(cursor.offer(2)).isEqualTo(DUPLICATE);
    assertThat(cursor.offer(1)).isEqualTo(DUPLICATE);
    assertThat(cursor.lastSeq()).isEqualTo(2);
    assertThat(cursor.behind()).isFalse();
    assertThat(cursor.dueForResume()).isFalse();
  }

  @Test
  void aGapIsNotDeliveredAndAsksForOneResume() {
    cursor.offer(1);
    assertThat(cursor.offer(4)).isEqualTo(GAP);
    assertThat(cursor.lastSeq()).isEqualTo(1);
    assertThat(cursor.behind()).isTrue();
    assertThat(cursor.dueForResume()).isTrue();

    cursor.resumeSent("r1");
    assertThat(cursor.offer(5)).isEqualTo(GAP);
    assertThat(cursor.dueForResume()).as("one resume in flight at a time").isFalse();

    assertThat(cursor.offer(2)).isEqualTo(DELIVER);
    assertThat(cursor.offer(3)).isEqualTo(DELIVER);
    assertThat(cursor.offer(4)).isEqualTo(DELIVER);
    assertThat(cursor.resumeAnswered(4, false, false)).isTrue();
    assertThat(cursor.dueForResume()).as("seq 5 was seen but dropped").isTrue();
  }

  @Test
  void moreMeansResumeAgainFromTheNewPosition() {
    cursor.requestResume();
    cursor.resumeSent("r1");
    cursor.offer(1);
    cursor.offer(2);
    assertThat(cursor.resumeAnswered(2, true, false)).isTrue();
    assertThat(cursor.dueForResume()).isTrue();
    cursor.resumeSent("r2");
    assertThat(cursor.resumeAnswered(2, false, false)).isTrue();
    assertThat(cursor.dueForResume()).isFalse();
  }

  @Test
  void aResumeThatDeliversNothingWhileBehindCountsAsFruitless() {
    cursor.serverHolds(3);
    cursor.resumeSent("r1");
    assertThat(cursor.resumeAnswered(3, false, false)).isFalse();
    assertThat(cursor.fruitlessResumes()).isEqualTo(1);
    cursor.delayResume();
    assertThat(cursor.dueForResume()).isFalse();
    cursor.resumeDelayOver();
    assertThat(cursor.dueForResume()).isTrue();
  }

  @Test
  void reloadStartsOverFromZeroAndRedelivers() {
    cursor.offer(1);
    cursor.offer(2);
    cursor.resumeSent("r1");
    cursor.reload();
    assertThat(cursor.lastSeq()).isZero();
    assertThat(cursor.resumeCommandId()).isNull();
    assertThat(cursor.dueForResume()).isTrue();
    assertThat(cursor.offer(1)).isEqualTo(DELIVER);
  }

  @Test
  void aClosedConversationIsFinishedOnceItsFinalMessageArrived() {
    cursor.offer(1);
    cursor.closedAt(2);
    assertThat(cursor.finished()).isFalse();
    assertThat(cursor.dueForResume()).isTrue();
    cursor.offer(2);
    assertThat(cursor.finished()).isTrue();
    cursor.requestResume();
    assertThat(cursor.dueForResume()).isFalse();
  }

  @Test
  void aLostConnectionForgetsTheResumeInFlightAndAsksForAnother() {
    cursor.resumeSent("r1");
    cursor.connectionLost();
    assertThat(cursor.resumeCommandId()).isNull();
    assertThat(cursor.dueForResume()).isTrue();
  }
}
