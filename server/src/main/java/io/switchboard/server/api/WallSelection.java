package io.switchboard.server.api;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.store.team.Team;
import io.switchboard.server.util.SwitchboardException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The part of the wall a viewer asked for, so a large installation's wall stays small: the
 * queues and agents of one team or one queue, agents sorted by status (online, away, offline)
 * then name, queues by name, each list a page at a time; with how many there are in all, the
 * figures of the summary over all of them (not only the page), and the teams and queues to
 * filter by. Without paging parameters every row is answered, as before.
 *
 * <p>Stateless and thread-safe.
 */
final class WallSelection {
  /** The most rows of one list a page may ask for. */
  static final int MAX_PAGE = 500;
  private static final Map<String, Integer> STATUS_ORDER = Map.of("online", 0, "away", 1,
      "offline", 2);

  /** The query: a team or queue (null: all the viewer sees) and the two pages. */
  record Filter(String team, String queue, int agentOffset, int agentLimit, int queueOffset,
      int queueLimit) {
    static Filter of(ApiRequest request) {
      return new Filter(blankToNull(request.query("team")), blankToNull(request.query("queue")),
          request.queryInt("agentOffset", 0, 0, Integer.MAX_VALUE),
          request.queryInt("agentLimit", Integer.MAX_VALUE, 1, MAX_PAGE),
          request.queryInt("queueOffset", 0, 0, Integer.MAX_VALUE),
          request.queryInt("queueLimit", Integer.MAX_VALUE, 1, MAX_PAGE));
    }
  }

  private WallSelection() {}

  /**
   * The wall's answer for {@code filter}, from every queue and agent the viewer may see (maps as
   * the wall answers them) and every team; INVALID_FIELD for a team or queue outside that.
   */
  static Map<String, Object> select(Filter filter, List<Team> teams,
      List<Map<String, Object>> queues, List<Map<String, Object>> agents) {
    Set<String> visibleQueues = queues.stream().map(q -> (String) q.get("id"))
        .collect(Collectors.toSet());
    Set<String> visibleAgents = agents.stream().map(a -> (String) a.get("id"))
        .collect(Collectors.toSet());
    List<Team> options = teams.stream().filter(team -> team.queueIds().stream()
            .anyMatch(visibleQueues::contains)
            || team.memberIds().stream().anyMatch(id -> visibleAgents.contains(id.toString())))
        .sorted(Comparator.comparing(Team::name, String.CASE_INSENSITIVE_ORDER)).toList();
    List<Map<String, Object>> shownQueues = queues;
    List<Map<String, Object>> shownAgents = agents;
    if (filter.team() != null) {
      Team team = options.stream().filter(t -> t.id().equals(filter.team())).findFirst()
          .orElseThrow(() -> new SwitchboardException(ErrorCode.INVALID_FIELD,
              "team: not a team on your wall"));
      Set<String> members = team.memberIds().stream().map(Object::toString)
          .collect(Collectors.toSet());
      shownQueues = shownQueues.stream().filter(q -> team.queueIds().contains(q.get("id")))
          .toList();
      shownAgents = shownAgents.stream().filter(a -> members.contains(a.get("id"))).toList();
    }
    if (filter.queue() != null) {
      if (!visibleQueues.contains(filter.queue())) {
        throw new SwitchboardException(ErrorCode.INVALID_FIELD, "queue: not a queue on your wall");
      }
      shownQueues = shownQueues.stream().filter(q -> filter.queue().equals(q.get("id")))
          .toList();
      shownAgents = shownAgents.stream()
          .filter(a -> ((List<?>) a.get("queues")).contains(filter.queue())).toList();
    }
    List<Map<String, Object>> sortedAgents = new ArrayList<>(shownAgents);
    sortedAgents.sort(Comparator.<Map<String, Object>>comparingInt(
            a -> STATUS_ORDER.getOrDefault((String) a.get("status"), 3))
        .thenComparing(a -> String.valueOf(a.get("name")), String.CASE_INSENSITIVE_ORDER)
        .thenComparing(a -> (String) a.get("id")));
    List<Map<String, Object>> sortedQueues = new ArrayList<>(shownQueues);
    sortedQueues.sort(Comparator.<Map<String, Object>, String>comparing(
            q -> String.valueOf(q.get("name")), String.CASE_INSENSITIVE_ORDER)
        .thenComparing(q -> (String) q.get("id")));
    Map<String, Object> answer = ApiJson.object(
        "queues", page(sortedQueues, filter.queueOffset(), filter.queueLimit()),
        "agents", page(sortedAgents, filter.agentOffset(), filter.agentLimit()),
        "queuesTotal", sortedQueues.size(), "agentsTotal", sortedAgents.size(),
        "totals", totals(sortedQueues, sortedAgents));
    answer.put("filters", ApiJson.object(
        "teams", options.stream().map(t -> ApiJson.object("id", t.id(), "name", t.name()))
            .toList(),
        "queues", queues.stream().sorted(Comparator.comparing(
                q -> String.valueOf(q.get("name")), String.CASE_INSENSITIVE_ORDER))
            .map(q -> ApiJson.object("id", q.get("id"), "name", q.get("name"))).toList()));
    return answer;
  }

  /** The summary's figures over every selected queue and agent. */
  private static Map<String, Object> totals(List<Map<String, Object>> queues,
      List<Map<String, Object>> agents) {
    long waiting = 0;
    long longest = 0;
    for (Map<String, Object> queue : queues) {
      int count = ((Number) queue.get("waiting")).intValue();
      waiting += count;
      if (count > 0) {
        longest = Math.max(longest, ((Number) queue.get("longestWaitSeconds")).longValue());
      }
    }
    int online = 0;
    int away = 0;
    long load = 0;
    long capacity = 0;
    for (Map<String, Object> agent : agents) {
      load += ((Number) agent.get("load")).longValue();
      if ("online".equals(agent.get("status"))) {
        online++;
        capacity += ((Number) agent.get("capacity")).longValue();
      } else if ("away".equals(agent.get("status"))) {
        away++;
      }
    }
    return ApiJson.object("waiting", waiting, "longestWaitSeconds", longest, "agentsOnline",
        online, "agentsAway", away, "load", load, "capacity", capacity);
  }

  private static List<Map<String, Object>> page(List<Map<String, Object>> rows, int offset,
      int limit) {
    int from = Math.min(offset, rows.size());
    return rows.subList(from, (int) Math.min(rows.size(), (long) from + limit));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
