package io.switchboard.server.agentstatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The agent time figures computed the slow, obvious way, from the raw rows: every second of the
 * range is looked at on its own, with the agent's status in that second (from the status rows)
 * and the number of chats they held (from replaying each conversation's events in order).
 * Independent of the report's sweep and SQL on purpose; timestamps must be whole seconds.
 *
 * <p>Not thread-safe; one per computation.
 */
final class SecondBySecond {
  /** A raw status row. */
  record StatusRow(UUID agentId, String status, Instant startedAt, Instant endedAt) {}

  /** A raw conversation event. */
  record EventRow(UUID conversationId, long id, String kind, String actorId, String toAgent,
      Instant at) {}

  /** The expected figures of one agent. */
  record Expected(long online, long away, long offline, int max, Double average,
      Double occupancy) {}

  private SecondBySecond() {}

  static Expected figures(UUID agent, Instant created, List<StatusRow> statuses,
      List<EventRow> events, Instant from, Instant to, Instant now) {
    long start = from.getEpochSecond();
    long end = Math.min(to.getEpochSecond(), now.getEpochSecond());
    int seconds = (int) Math.max(0, end - start);
    byte[] status = new byte[seconds];
    for (StatusRow row : statuses) {
      if (!row.agentId().equals(agent)) {
        continue;
      }
      long a = row.startedAt().getEpochSecond();
      long b = row.endedAt() == null ? Long.MAX_VALUE : row.endedAt().getEpochSecond();
      for (long s = Math.max(a, start); s < Math.min(b, end); s++) {
        status[(int) (s - start)] = (byte) (row.status().equals("online") ? 1 : 2);
      }
    }
    int[] held = new int[seconds];
    Map<UUID, List<EventRow>> byConversation = new HashMap<>();
    events.forEach(e -> byConversation.computeIfAbsent(e.conversationId(), k -> new ArrayList<>())
        .add(e));
    for (List<EventRow> history : byConversation.values()) {
      history.sort(Comparator.comparingLong(EventRow::id));
      String holder = null;
      for (int i = 0; i < history.size(); i++) {
        EventRow e = history.get(i);
        holder = switch (e.kind()) {
          case "assigned" -> e.actorId();
          case "transferred" -> e.toAgent();
          case "requeued", "closed" -> null;
          default -> holder;
        };
        if (!agent.toString().equals(holder)) {
          continue;
        }
        long a = e.at().getEpochSecond();
        long b = i + 1 < history.size() ? history.get(i + 1).at().getEpochSecond()
            : Long.MAX_VALUE;
        for (long s = Math.max(a, start); s < Math.min(b, end); s++) {
          held[(int) (s - start)]++;
        }
      }
    }
    long online = 0;
    long away = 0;
    long existed = 0;
    long chatSeconds = 0;
    long busy = 0;
    int max = 0;
    for (int i = 0; i < seconds; i++) {
      if (start + i >= created.getEpochSecond()) {
        existed++;
      }
      if (status[i] == 1) {
        online++;
        chatSeconds += held[i];
        busy += held[i] > 0 ? 1 : 0;
        max = Math.max(max, held[i]);
      } else if (status[i] == 2) {
        away++;
      }
    }
    return new Expected(online, away, Math.max(0, existed - online - away), max,
        online == 0 ? null : (double) chatSeconds / online,
        online == 0 ? null : (double) busy / online);
  }
}
