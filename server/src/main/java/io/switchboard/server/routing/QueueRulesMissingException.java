package io.switchboard.server.routing;

/**
 * The assignment script found no routing rules (required skills and languages) for the queue in
 * Redis, because Redis lost its data or the queue is new to it. Nothing was assigned; the caller
 * restores the rules from PostgreSQL and tries again.
 *
 * <p>Immutable and thread-safe.
 */
public final class QueueRulesMissingException extends RuntimeException {
  private final String queueId;

  public QueueRulesMissingException(String queueId) {
    super("routing rules of queue " + queueId + " are not in Redis", null, false, false);
    this.queueId = queueId;
  }

  public String queueId() {
    return queueId;
  }
}
