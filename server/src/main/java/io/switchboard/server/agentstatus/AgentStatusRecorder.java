package io.switchboard.server.agentstatus;

import io.switchboard.server.presence.AgentStatus;
import io.switchboard.server.store.agentstatus.AgentStatusDao;
import io.switchboard.server.store.agentstatus.StatusPeriod;
import io.switchboard.server.util.BlockingExecutor;
import io.switchboard.server.util.CycleCount;
import io.switchboard.server.util.Periodic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the agents' status timeline in PostgreSQL. Every status set in presence (the agent's
 * choice, a status restored on reconnect, away after a missed offer) is recorded with the time it
 * was set, on the node that set it. An agent can also go offline without any status being set:
 * their last session closed or their node died, and the presence heartbeat ran out. A node cannot
 * write when it is dead, so every node runs {@link #cycle} periodically: for each open period it
 * asks presence whether the agent is still there, and closes the period of one who is not at the
 * time it noticed (the first node to notice wins; the others change nothing).
 *
 * <p>Thread-safe: {@link #changed} may be called from any thread; the cycle runs on its own.
 */
public final class AgentStatusRecorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentStatusRecorder.class);

  private final AgentStatusDao dao;
  private final Function<UUID, CompletionStage<AgentStatus>> presence;
  private final BlockingExecutor store;
  private final Clock clock;
  private final CycleCount cycles = new CycleCount();
  private volatile Periodic task;

  /**
   * @param presence the agent's status as presence has it now (offline once the heartbeat ran
   *     out)
   */
  public AgentStatusRecorder(AgentStatusDao dao,
      Function<UUID, CompletionStage<AgentStatus>> presence, BlockingExecutor store, Clock clock) {
    this.dao = dao;
    this.presence = presence;
    this.store = store;
    this.clock = clock;
  }

  /** Checks for lost agents every {@code period}. */
  public void start(Duration period) {
    task = Periodic.start("agent-status", period, period, () -> cycles.run(this::cycle));
  }

  /** The cycles run so far. */
  public CycleCount cycles() {
    return cycles;
  }

  /**
   * Presence set the agent's status: records it as of now, without blocking the caller.
   *
   * @return completes once it is recorded (with whether the timeline changed)
   */
  public CompletableFuture<Boolean> changed(UUID agentId, AgentStatus status) {
    Instant at = clock.instant();
    return store.call(() -> dao.record(agentId, status.wire(), at)).whenComplete((done, error) -> {
      if (error != null) {
        LOG.warn("status {} of agent {} not recorded: {}", status.wire(), agentId,
            error.toString());
      }
    });
  }

  /**
   * One pass: closes the open periods of agents whose presence is gone. Blocking; runs on the
   * recorder's thread (tests call it directly).
   */
  public void cycle() {
    for (StatusPeriod period : store.call(dao::openPeriods).join()) {
      Instant observed = clock.instant();
      if (period.startedAt().isAfter(observed)) {
        continue;
      }
      AgentStatus now = presence.apply(period.agentId()).toCompletableFuture().join();
      if (now != AgentStatus.OFFLINE) {
        continue;
      }
      if (store.call(() -> dao.closeLost(period, observed)).join()) {
        LOG.info("agent {} went offline (presence ran out); {} period closed", period.agentId(),
            period.status());
        // The agent may have come back between the two reads: presence then has them again.
        AgentStatus again = presence.apply(period.agentId()).toCompletableFuture().join();
        if (again != AgentStatus.OFFLINE) {
          changed(period.agentId(), again).join();
        }
      }
    }
  }

  @Override
  public void close() {
    if (task != null) {
      task.close();
    }
  }
}
