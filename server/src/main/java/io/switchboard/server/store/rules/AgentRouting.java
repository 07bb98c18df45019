package io.switchboard.server.store.rules;

import java.util.List;

/**
 * What routing needs to know about an agent, as PostgreSQL has it now: their capacity, their queue
 * memberships, and their skills and languages.
 *
 * <p>Immutable and thread-safe.
 */
public record AgentRouting(int capacity, List<String> queues, SkillProfile skills) {
  public AgentRouting {
    queues = queues == null ? List.of() : List.copyOf(queues);
    skills = skills == null ? SkillProfile.NONE : skills;
  }
}
