package io.switchboard.server.conversation;

import io.switchboard.server.routing.Assignment;
import io.switchboard.server.routing.RoutingListener;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Routing's choices, taken up by the owner of conversation state: assignments are recorded by the
 * {@link ConversationStateMachine}, and queue movements reach the waiting visitors through
 * {@link QueuePositions}.
 *
 * <p>Thread-safe.
 */
public final class RoutingOutcomes implements RoutingListener {
  private final ConversationStateMachine machine;
  private final QueuePositions positions;

  public RoutingOutcomes(ConversationStateMachine machine) {
    this.machine = machine;
    this.positions = machine.positions();
  }

  @Override
  public CompletionStage<Set<UUID>> record(List<Assignment> assignments) {
    return machine.recordAssignments(assignments);
  }

  @Override
  public void outcomeUnknown(List<Assignment> assignments) {
    machine.recoverAssignments(assignments);
  }

  @Override
  public void enqueued(String queueId, UUID conversationId) {
    positions.publishOne(queueId, conversationId);
  }

  @Override
  public void left(String queueId) {
    positions.publishAllSoon(queueId);
  }

  @Override
  public void ran(String queueId, int assigned, boolean failed) {
    positions.ran(queueId, assigned, failed);
  }
}
