package io.switchboard.server.conversation;

import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.PresenceStore;
import io.switchboard.server.routing.RoutingStore;
import io.switchboard.server.store.conversation.Conversation;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.CycleCount;
import io.switchboard.server.util.Periodic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the chats of lost agents back to their queues. An agent is lost when their presence is
 * gone from Redis: they chose offline, closed the console, or their node died and the heartbeat
 * TTL ran out. Every node runs this check; the first one to see an agent absent notes the time in
 * Redis, and once the grace period has passed each of the agent's open conversations is requeued
 * in PostgreSQL (exactly one node wins each), keeping its original place at the front of its
 * queue. An agent who comes back within the grace period keeps their chats. Away agents keep
 * theirs too.
 *
 * <p>Thread-safe: runs on its own single thread; {@link #cycleCount} may be read from any thread.
 */
public final class AgentLossMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentLossMonitor.class);

  private final ConversationDao conversations;
  private final ConversationStateMachine machine;
  private final PresenceStore presence;
  private final RoutingStore routing;
  private final BlockingExecutor store;
  private final Duration grace;
  private final Clock clock;
  private volatile Periodic task;
  private final CycleCount cycleCount = new CycleCount();

  public AgentLossMonitor(MonitorParts parts, Duration grace) {
    this.conversations = parts.conversations();
    this.machine = parts.machine();
    this.presence = parts.presence();
    this.routing = parts.routing();
    this.store = parts.store();
    this.clock = parts.clock();
    this.grace = grace;
  }

  public void start(Duration period) {
    task = Periodic.start("agent-loss", period, period,
        () -> cycleCount.run(this::cycle));
  }

  /** The cycles run so far. */
  public CycleCount cycleCount() {
    return cycleCount;
  }

  /** One pass over the agents who hold chats; blocking is fine on this thread. */
  void cycle() {
    for (UUID agentId : store.call(conversations::assignedCounts).join().keySet()) {
      AgentStatus status = presence.status(agentId).toCompletableFuture().join();
      if (status != AgentStatus.OFFLINE) {
        routing.clearAbsent(agentId).toCompletableFuture().join();
        continue;
      }
      Instant now = clock.instant();
      Instant since = routing.markAbsent(agentId, now, grace.multipliedBy(10).plusMinutes(1))
          .toCompletableFuture().join();
      if (Duration.between(since, now).compareTo(grace) >= 0) {
        requeueChatsOf(agentId);
      }
    }
  }

  private void requeueChatsOf(UUID agentId) {
    int requeued = 0;
    for (Conversation conversation : store.call(() -> conversations.openForAgent(agentId)).join()) {
      if (machine.requeue(conversation.id(), agentId, RequeueReason.AGENT_OFFLINE).isPresent()) {
        requeued++;
      }
    }
    routing.clearAbsent(agentId).toCompletableFuture().join();
    if (requeued > 0) {
      LOG.info("agent {} was offline past the {} s grace period: {} chats went back to their queues",
          agentId, grace.toSeconds(), requeued);
    }
  }

  @Override
  public void close() {
    if (task != null) {
      task.close();
    }
  }
}
