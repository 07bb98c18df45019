package io.switchboard.server.presence;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.store.rules.AgentRouting;
import io.switchboard.server.store.rules.SkillProfile;
import io.switchboard.server.util.SwitchboardException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Which agents are connected, with what status, capacity and queues, shared by every node.
 * Presence lives as long as its heartbeat: an agent whose node stops refreshing it becomes
 * {@link AgentStatus#OFFLINE} once the TTL runs out.
 *
 * <p>Every method is non-blocking. A stage fails with a {@link SwitchboardException} carrying
 * {@link ErrorCode#UNAVAILABLE} when the store cannot be reached in time.
 *
 * <p>Implementations are thread-safe.
 */
public interface PresenceStore {
  /**
   * Sets the agent's status, capacity and queues in one atomic step, keeping its current load.
   * {@link AgentStatus#ONLINE} and {@link AgentStatus#AWAY} start the presence heartbeat and make
   * the agent a member of every listed queue (only online agents are assigned conversations);
   * {@link AgentStatus#OFFLINE} ends the presence and takes the agent out of those queues. The
   * agent always leaves queues it was in before but that are no longer listed.
   *
   * @param capacity the most conversations the agent takes at once, at least 0
   * @param queueIds the queues the agent serves; no id may contain a comma
   * @param nodeId the node that holds the agent's session
   * @return completes with the agent's current load
   * @throws IllegalArgumentException at once, for a negative capacity or an invalid queue or node id
   */
  default CompletionStage<Integer> setStatus(
      UUID agentId, AgentStatus status, int capacity, List<String> queueIds, String nodeId) {
    return setStatus(agentId, status, new AgentRouting(capacity, queueIds, SkillProfile.NONE),
        nodeId);
  }

  /**
   * As {@link #setStatus(UUID, AgentStatus, int, List, String)}, also setting the skills and
   * languages the assignment script matches against each queue's rules.
   */
  CompletionStage<Integer> setStatus(
      UUID agentId, AgentStatus status, AgentRouting routing, String nodeId);

  /**
   * Refreshes the presence TTL, only if the presence still exists.
   *
   * @return completes with true when refreshed, false when the presence had already expired; the
   *     caller then sets the status again
   */
  CompletionStage<Boolean> heartbeat(UUID agentId, String nodeId);

  /**
   * The status (online or away) the agent last chose, while they may still come back to it: until
   * the presence TTL plus the grace period has passed since their last heartbeat. Empty once they
   * chose offline, or after that.
   */
  CompletionStage<Optional<AgentStatus>> returningStatus(UUID agentId);

  /**
   * The agent's status: {@link AgentStatus#OFFLINE} when its presence is gone, whatever was set
   * before.
   */
  CompletionStage<AgentStatus> status(UUID agentId);
}
