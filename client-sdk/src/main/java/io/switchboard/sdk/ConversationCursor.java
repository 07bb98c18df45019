package io.switchboard.sdk;

/**
 * The delivery position in one conversation: the highest contiguous {@code seq} delivered to the
 * listener ({@link #lastSeq()}), the highest seq the server is known to hold, and the state of the
 * {@code resume} that fills the difference. At most one resume per conversation is in flight.
 *
 * <p>Not thread-safe: a client uses its cursors on its event thread only.
 */
final class ConversationCursor {
  /** What to do with an arriving chat message. */
  enum Arrival {
    /** The next seq: deliver it; {@link #lastSeq()} has advanced. */
    DELIVER,
    /** Already delivered: drop it. */
    DUPLICATE,
    /** Beyond the next seq: drop it, and resume to fetch what lies between. */
    GAP
  }

  private final String conversationId;
  private long lastSeq;
  private long knownSeq;
  private long finalSeq = -1;
  private boolean resumeRequested;
  private String resumeCommandId;
  private long lastSeqAtResume;
  private boolean resumeDelayed;
  private int fruitlessResumes;
  private boolean abandoned;

  ConversationCursor(String conversationId) {
    this.conversationId = conversationId;
  }

  String conversationId() {
    return conversationId;
  }

  /** The highest seq delivered with every seq below it delivered too; 0 before the first. */
  long lastSeq() {
    return lastSeq;
  }

  /** Classifies an arriving message and advances {@link #lastSeq()} when it is the next one. */
  Arrival offer(long seq) {
    if (seq <= lastSeq) {
      return Arrival.DUPLICATE;
    }
    serverHolds(seq);
    if (seq == lastSeq + 1) {
      lastSeq = seq;
      return Arrival.DELIVER;
    }
    return Arrival.GAP;
  }

  /** The server said it holds messages up to {@code seq} (from welcome, started, assigned...). */
  void serverHolds(long seq) {
    knownSeq = Math.max(knownSeq, seq);
  }

  /** The conversation closed with {@code seq} as its final message. */
  void closedAt(long seq) {
    finalSeq = Math.max(seq, lastSeq);
    serverHolds(seq);
  }

  /** Asks for a resume from {@link #lastSeq()} as soon as none is in flight. */
  void requestResume() {
    resumeRequested = true;
  }

  /**
   * The server cannot fill the gap ({@code resume_gap}): start over from seq 0 and reload
   * everything. A gap even from seq 0 counts as a resume without progress.
   */
  void reload() {
    if (resumeCommandId != null && lastSeqAtResume == 0) {
      fruitlessResumes++;
    }
    resumeCommandId = null;
    lastSeq = 0;
    resumeRequested = true;
  }

  /** The server refused to resume this conversation for good: stop resuming it. */
  void abandon() {
    abandoned = true;
    resumeCommandId = null;
    resumeRequested = false;
  }

  /** True when nothing more can arrive: closed and complete, or abandoned. */
  boolean finished() {
    return abandoned || (finalSeq >= 0 && lastSeq >= finalSeq);
  }

  /** True when the server holds messages this cursor has not delivered. */
  boolean behind() {
    return knownSeq > lastSeq;
  }

  /** True when a resume should be sent now. */
  boolean dueForResume() {
    return !finished() && resumeCommandId == null && !resumeDelayed
        && (resumeRequested || behind());
  }

  void resumeSent(String commandId) {
    resumeCommandId = commandId;
    resumeRequested = false;
    lastSeqAtResume = lastSeq;
  }

  /** The command id of the resume in flight, or null. */
  String resumeCommandId() {
    return resumeCommandId;
  }

  /**
   * The in-flight resume was answered with {@code resumed}. Returns false when it delivered
   * nothing although the cursor is still behind, so the next resume should wait a backoff.
   */
  boolean resumeAnswered(long replayedUpTo, boolean more, boolean conversationClosed) {
    resumeCommandId = null;
    serverHolds(replayedUpTo);
    if (more) {
      resumeRequested = true;
    } else if (conversationClosed) {
      closedAt(replayedUpTo);
    }
    boolean progressed = lastSeq > lastSeqAtResume || !(more || behind());
    fruitlessResumes = progressed ? 0 : fruitlessResumes + 1;
    return progressed;
  }

  /** The in-flight resume failed temporarily or timed out; it is retried after a backoff. */
  void resumeFailed() {
    resumeCommandId = null;
    resumeRequested = true;
    fruitlessResumes++;
  }

  /** How many resumes in a row made no progress; drives the retry backoff. */
  int fruitlessResumes() {
    return fruitlessResumes;
  }

  /** Holds further resumes back until {@link #resumeDelayOver()}. */
  void delayResume() {
    resumeDelayed = true;
  }

  void resumeDelayOver() {
    resumeDelayed = false;
  }

  /** The connection is gone: whatever was in flight is lost and must be resumed again. */
  void connectionLost() {
    resumeCommandId = null;
    resumeDelayed = false;
    fruitlessResumes = 0;
    resumeRequested = true;
  }
}
