package io.switchboard.checker;

/**
 * One broken promise found by the {@link HistoryChecker}: what kind, where, and a description
 * that names the client, seq or clientMsgId involved.
 *
 * <p>Immutable and thread-safe.
 */
public record Violation(Kind kind, String conversationId, String detail) {

  /** The kinds of violation, one per delivery or routing invariant. */
  public enum Kind {
    /** A client saw an ack, but PostgreSQL does not hold the message (I1). */
    LOST_ACK,
    /** A client saw an ack with one seq, but the message is stored under another. */
    ACK_SEQ_MISMATCH,
    /** One seq is stored twice in a conversation (I3). */
    DUPLICATE_SEQ,
    /** One clientMsgId is stored twice, or acknowledged under two seqs (I2). */
    DUPLICATE_CLIENT_MSG_ID,
    /** The stored seqs are not exactly 1..n, or do not end at the conversation's last_seq (I3). */
    TRANSCRIPT_GAP,
    /** A client's view is not a gap-free, in-order prefix of the stored transcript (I4, I5). */
    VIEW_NOT_PREFIX,
    /** A client that should have caught up is missing the end of the transcript. */
    VIEW_BEHIND,
    /** A conversation was assigned while another agent still held it. */
    DOUBLE_ASSIGNMENT,
    /** An agent held more conversations at once than their capacity. */
    OVER_CAPACITY
  }

  @Override
  public String toString() {
    return kind + " in " + conversationId + ": " + detail;
  }
}
