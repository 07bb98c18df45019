package io.switchboard.server.conversation;

import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.presence.PresenceStore;
import io.switchboard.server.routing.RoutingStore;
import io.switchboard.server.store.conversation.ConversationDao;
import io.switchboard.server.store.rules.AgentRouting;
import io.switchboard.server.store.rules.RoutingRulesDao;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.CycleCount;
import io.switchboard.server.util.Periodic;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves offers that were not accepted in time to the next agent. An assignment older than its
 * queue's accept timeout without an {@code accept} (or a message from the agent, which counts as
 * accepting) is requeued at its original place; the assignment script will not offer it to the
 * same agent again for a while. An agent who misses {@link #MISSES_BEFORE_AWAY} offers in a row is
 * set to away, which the supervisor wall shows.
 *
 * <p>Thread-safe: runs on its own single thread; {@link #cycleCount} may be read from any thread.
 * Several nodes may run it; PostgreSQL lets exactly one of them requeue each offer.
 */
public final class OfferTimeoutMonitor implements AutoCloseable {
  /** Missed offers in a row after which an agent is set to away. */
  public static final int MISSES_BEFORE_AWAY = 3;
  private static final Logger LOG = LoggerFactory.getLogger(OfferTimeoutMonitor.class);

  private final ConversationDao conversations;
  private final ConversationStateMachine machine;
  private final RoutingRulesDao rules;
  private final PresenceStore presence;
  private final RoutingStore routing;
  private final BlockingExecutor store;
  private final String nodeId;
  private volatile Periodic task;
  private final CycleCount cycleCount = new CycleCount();

  public OfferTimeoutMonitor(MonitorParts parts, RoutingRulesDao rules, String nodeId) {
    this.conversations = parts.conversations();
    this.machine = parts.machine();
    this.presence = parts.presence();
    this.routing = parts.routing();
    this.store = parts.store();
    this.rules = rules;
    this.nodeId = nodeId;
  }

  public void start(Duration period) {
    task = Periodic.start("offer-timeout", period, period,
        () -> cycleCount.run(this::cycle));
  }

  /** The cycles run so far. */
  public CycleCount cycleCount() {
    return cycleCount;
  }

  /** One pass; blocking is fine on this thread. */
  void cycle() {
    for (ConversationDao.StaleOffer offer : store.call(conversations::staleOffers).join()) {
      machine.requeue(offer.conversationId(), offer.agentId(), RequeueReason.ACCEPT_TIMEOUT)
          .ifPresent(requeued -> {
            LOG.info("offer of {} to agent {} timed out ({} in a row); offering it to the next"
                + " agent", offer.conversationId(), offer.agentId(), requeued.missedOffers());
            if (requeued.missedOffers() >= MISSES_BEFORE_AWAY) {
              setAway(offer);
            }
          });
    }
  }

  private void setAway(ConversationDao.StaleOffer offer) {
    AgentRouting agent = store.call(() -> rules.agentRouting(offer.agentId())).join().orElseThrow();
    presence.setStatus(offer.agentId(), AgentStatus.AWAY, agent, nodeId).toCompletableFuture().join();
    routing.clearMisses(offer.agentId()).toCompletableFuture().join();
    LOG.info("agent {} missed {} offers in a row and is now away", offer.agentId(),
        MISSES_BEFORE_AWAY);
  }

  @Override
  public void close() {
    if (task != null) {
      task.close();
    }
  }
}
