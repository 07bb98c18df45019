package io.switchboard.server.routing;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * What routing hands back up to the owner of conversation state: routing chooses who gets which
 * conversation, but recording a choice (a transition checked in PostgreSQL) and telling anyone
 * about it is the owner's job.
 *
 * <p>Implementations are thread-safe and must not block: they are called on Redis and store
 * callback threads.
 */
public interface RoutingListener {
  /**
   * Records assignments the script chose (all of one queue, each with its claim id) and tells each
   * agent. Completes with the conversations PostgreSQL assigned; the others were closed or taken
   * meanwhile. Fails when the statement failed, so whether it committed is unknown.
   */
  CompletionStage<Set<UUID>> record(List<Assignment> assignments);

  /**
   * After {@link #record} failed and the claims were checked: each conversation still waiting
   * goes back to its queue; one assigned after all is announced to its agent.
   */
  void outcomeUnknown(List<Assignment> assignments);

  /** A conversation was put in its queue's waiting list. */
  void enqueued(String queueId, UUID conversationId);

  /** A conversation left its queue without being assigned (closed or moved while waiting). */
  void left(String queueId);

  /**
   * An assignment run of the queue ended: {@code assigned} conversations went to agents, or the
   * run {@code failed}. Everyone behind them moved up.
   */
  void ran(String queueId, int assigned, boolean failed);
}
