package io.switchboard.server.presence;

import io.switchboard.server.access.Principal;
import io.switchboard.server.store.rules.AgentRouting;
import io.switchboard.server.store.rules.SkillProfile;
import io.switchboard.server.util.NamedThreads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the presence of the agents connected to this node alive in Redis. An agent's status lives
 * in Redis with a TTL; this node refreshes it every third of the TTL while the agent has a session
 * here. When the last session goes, the heartbeats stop and the agent turns offline within the TTL
 * (a dead connection or a dead node has the same effect). An agent who reconnects, to any node,
 * within the grace period after that gets their chosen status back. If Redis forgot the agent
 * (restart), the next heartbeat puts the last status back. Presence only keeps the record: whoever
 * is told that an agent became available ({@code available}, the node wires routing to it) lets
 * their queues drain.
 *
 * <p>Thread-safe.
 */
public final class PresenceService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PresenceService.class);

  /** What this node knows of a connected agent. */
  private record LocalAgent(AgentStatus status, AgentRouting routing) {}

  private final PresenceStore presence;
  private final Function<UUID, CompletionStage<AgentRouting>> profiles;
  private final Consumer<List<String>> available;
  private final String nodeId;
  private final Map<UUID, LocalAgent> agents = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(NamedThreads.factory("presence", true));

  /**
   * @param available told an agent's queues (highest priority first) whenever the agent comes
   *     online, so those queues can drain to them
   * @param profiles loads an agent's current capacity, queues, skills and languages from
   *     PostgreSQL, so a status change or a restore after Redis lost its data never writes stale
   *     routing settings
   */
  public PresenceService(PresenceStore presence, Consumer<List<String>> available,
      String nodeId, Duration ttl, Function<UUID, CompletionStage<AgentRouting>> profiles) {
    this.presence = presence;
    this.profiles = profiles;
    this.available = available;
    this.nodeId = nodeId;
    long period = Math.max(200, ttl.toMillis() / 3);
    timer.scheduleAtFixedRate(this::heartbeatAll, period, period, TimeUnit.MILLISECONDS);
  }

  /** Sets an agent's status; coming online lets the agent's queues drain to them. */
  public CompletionStage<Void> setStatus(Principal agent, AgentStatus status) {
    return store(agent, status).thenAccept(profile -> {
      if (status == AgentStatus.ONLINE) {
        available.accept(profile.queues());
      }
    });
  }

  /** Writes the status with the agent's current routing settings; completes with those. */
  private CompletionStage<AgentRouting> store(Principal agent, AgentStatus status) {
    UUID agentId = UUID.fromString(agent.id());
    return profile(agentId, fallback(agent)).thenCompose(profile -> {
      agents.put(agentId, new LocalAgent(status, profile));
      return presence.setStatus(agentId, status, profile, nodeId).thenApply(load -> profile);
    });
  }

  /**
   * A staff session opened here. A status Redis still holds is kept alive from this node. An agent
   * whose presence ran out (their connection or their node was lost) and who comes back within
   * the grace period gets the status they had chosen back, and so keeps their chats.
   *
   * @return completes with the agent's status after that
   */
  public CompletionStage<AgentStatus> connected(Principal agent) {
    UUID agentId = UUID.fromString(agent.id());
    return presence.status(agentId).thenCompose(status -> {
      if (status != AgentStatus.OFFLINE) {
        agents.putIfAbsent(agentId, new LocalAgent(status, fallback(agent)));
        return CompletableFuture.completedFuture(status);
      }
      return presence.returningStatus(agentId).thenCompose(chosen -> {
        if (chosen.isEmpty()) {
          return CompletableFuture.completedFuture(AgentStatus.OFFLINE);
        }
        // No assignment here: that could reach the session before its welcome. The reconciler
        // drains the agent's queues within its period.
        LOG.info("agent {} came back within the grace period; restoring {}", agentId, chosen.get());
        return store(agent, chosen.get()).thenApply(ignored -> chosen.get());
      });
    });
  }

  /** The agent's routing settings from PostgreSQL; {@code otherwise} when that fails. */
  private CompletionStage<AgentRouting> profile(UUID agentId, AgentRouting otherwise) {
    return profiles.apply(agentId).exceptionally(error -> {
      LOG.warn("routing settings of agent {} not loaded, using the session's: {}", agentId,
          error.toString());
      return otherwise;
    });
  }

  /** The session's capacity and queues, without skills (so no skill-restricted queue). */
  private static AgentRouting fallback(Principal agent) {
    return new AgentRouting(agent.capacity(), agent.queues(), SkillProfile.NONE);
  }

  /** The agent's last session on this node closed: stop heart-beating for them here. */
  public void disconnected(Principal agent) {
    agents.remove(UUID.fromString(agent.id()));
  }

  /** The agent's presence as Redis has it now (offline when the TTL ran out). */
  public CompletionStage<AgentStatus> status(UUID agentId) {
    return presence.status(agentId);
  }

  public AgentStatus localStatus(UUID agentId) {
    LocalAgent agent = agents.get(agentId);
    return agent == null ? AgentStatus.OFFLINE : agent.status();
  }

  private void heartbeatAll() {
    agents.forEach((agentId, agent) -> {
      if (agent.status() == AgentStatus.OFFLINE) {
        return;
      }
      presence.heartbeat(agentId, nodeId).whenComplete((alive, error) -> {
        if (error != null) {
          LOG.debug("heartbeat for agent {} failed: {}", agentId, error.toString());
        } else if (!alive && agents.get(agentId) == agent) {
          LOG.info("presence of agent {} had expired in Redis; restoring {}", agentId,
              agent.status());
          profile(agentId, agent.routing()).thenCompose(profile ->
              presence.setStatus(agentId, agent.status(), profile, nodeId)
                  .thenRun(() -> available.accept(profile.queues())));
        }
      });
    });
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
