package io.switchboard.server.routing;

import io.switchboard.protocol.LanguageTag;
import io.switchboard.server.store.rules.AgentRouting;
import io.switchboard.server.store.rules.SkillProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one eligibility rule, for the places that check it in Java (transfers to a chosen agent);
 * {@code assign.lua} applies the same rule inside Redis. An agent may be offered a conversation of
 * queue Q when they are a member of Q, hold every skill Q requires, and, when Q lists languages
 * and the conversation's language (primary subtag: {@code zh-CN} is {@code zh}) is one of them,
 * speak it. A conversation without a language, or in one the queue does not list, may go to any
 * member with the skills.
 *
 * <p>Stateless and thread-safe.
 */
public final class Eligibility {
  private Eligibility() {}

  /**
   * Why the agent may not be offered the conversation; empty when they may.
   *
   * @param queueId the conversation's queue
   * @param rules that queue's required skills and languages
   * @param agent the agent's memberships, skills and languages
   * @param language the conversation's language tag, or null
   */
  public static Optional<String> whyNot(String queueId, SkillProfile rules, AgentRouting agent,
      String language) {
    if (!agent.queues().contains(queueId)) {
      return Optional.of("the agent is not a member of queue " + queueId);
    }
    List<String> missing = new ArrayList<>(rules.skills());
    missing.removeAll(agent.skills().skills());
    if (!missing.isEmpty()) {
      return Optional.of("the agent lacks the skills " + String.join(", ", missing)
          + " that queue " + queueId + " requires");
    }
    if (language != null) {
      String primary = LanguageTag.primary(language);
      Set<String> spoken = agent.skills().primaryLanguages();
      if (rules.primaryLanguages().contains(primary) && !spoken.contains(primary)) {
        return Optional.of("the agent does not speak the conversation's language (" + language
            + ")");
      }
    }
    return Optional.empty();
  }
}
