package io.switchboard.server.store.agentstatus;

import java.util.List;
import java.util.UUID;

/**
 * Which staff a report covers: every filter that is null leaves that side open. {@code teams}
 * (null for everyone) limits to the members of those teams, the scope of a supervisor.
 *
 * <p>Immutable and thread-safe.
 */
public record AgentScope(UUID agentId, String teamId, String queueId, String siteId,
    List<String> teams) {
  public AgentScope {
    teams = teams == null ? null : List.copyOf(teams);
  }
}
