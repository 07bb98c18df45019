package io.switchboard.server.store.search;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a search looks for and where: the query's words and index terms, the time window and the
 * filters, and who asks (their visibility).
 *
 * <p>Immutable and thread-safe.
 *
 * @param words the query's words in lower case; every one must occur in the text
 * @param terms the index terms of the query ({@code search_terms(q)}), never empty
 * @param from the earliest time, inclusive; null for no bound
 * @param to the latest time, exclusive; null for no bound
 * @param siteId only this site; null for all
 * @param teamId only conversations and tickets of this team's queues; null for all
 * @param agentId only conversations and tickets held by this staff member; null for all
 * @param status a conversation or ticket status (wire name); null for all
 * @param tag a conversation or ticket tag; null for all
 * @param rating only conversations the visitor rated so (1-5); null for all
 * @param channel a ticket channel ({@code chat} also matches conversations); null for all
 * @param viewer who may see what
 * @param limit the most hits per kind
 */
public record SearchFilter(List<String> words, List<String> terms, Instant from, Instant to,
    String siteId, String teamId, UUID agentId, String status, String tag, Integer rating,
    String channel, Viewer viewer, int limit) {
  public SearchFilter {
    words = List.copyOf(words);
    terms = List.copyOf(terms);
  }

  /** Whether any filter applies to conversations and tickets only. */
  public boolean hasCaseFilter() {
    return teamId != null || agentId != null || status != null || tag != null || rating != null
        || channel != null;
  }

  /**
   * Who searches: admins see everything; other staff see conversations they hold or held for the
   * contact, and conversations and tickets of their teams' queues; contacts they served, and
   * (supervisors) contacts who came through their teams' queues.
   *
   * @param all whether everything is visible (admins)
   * @param userId the staff member
   * @param teamQueues the queues their teams own
   * @param teamContacts whether contacts seen in the team queues are visible (supervisors)
   */
  public record Viewer(boolean all, UUID userId, List<String> teamQueues, boolean teamContacts) {
    public Viewer {
      teamQueues = List.copyOf(teamQueues);
    }
  }
}
