package io.switchboard.server;

import io.switchboard.server.agentstatus.AgentStatusRecorder;
import io.switchboard.server.store.agentstatus.AgentStatusDao;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's agent status timeline and its report: records every status presence sets, closes the
 * periods of agents whose presence ran out (every node checks, a third of the presence TTL apart),
 * and serves {@code GET /v1/reports/agent-time}. Status times are on the node's system clock, the
 * same time the conversation history carries.
 *
 * <p>Thread-safe: everything it builds is. The recorder's checks stop with the JVM (daemon
 * thread) when the node is not closed through it.
 */
final class NodeAgentStatus {
  private static final Logger LOG = LoggerFactory.getLogger(NodeAgentStatus.class);

  private NodeAgentStatus() {}

  static AgentStatusRecorder start(NodeServiceDesk.Parts parts) {
    AgentStatusRecorder recorder = new AgentStatusRecorder(new AgentStatusDao(parts.jdbi()),
        parts.presence()::status, parts.store(), parts.clock());
    parts.presence().onStatusSet((agentId, status) -> {
      try {
        recorder.changed(agentId, status);
      } catch (RuntimeException e) {
        LOG.warn("status {} of agent {} not recorded: {}", status.wire(), agentId, e.toString());
      }
    });
    recorder.start(Duration.ofMillis(Math.max(500, parts.presence().presenceTtl().toMillis() / 3)));
    return recorder;
  }
}
