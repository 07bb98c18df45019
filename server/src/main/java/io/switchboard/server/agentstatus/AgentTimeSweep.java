package io.switchboard.server.agentstatus;

import io.switchboard.server.store.agentstatus.AgentTimeSource;
import io.switchboard.server.store.agentstatus.HeldChat;
import io.switchboard.server.store.agentstatus.ScopedAgent;
import io.switchboard.server.store.agentstatus.StatusPeriod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes one agent's row from their status periods and held chats: one sweep over the moments
 * where something changes (a status period or a held chat starts or ends), adding up, between two
 * such moments, the time online and away, the chats held times the time online (for the average
 * concurrency), and the time online with a chat (for occupancy). Times are in milliseconds and
 * rounded to whole seconds at the end.
 *
 * <p>Stateless and thread-safe.
 */
final class AgentTimeSweep {
  private static final int ONLINE = 1;
  private static final int AWAY = 2;

  private AgentTimeSweep() {}

  /** One change: at {@code at}, {@code chats} chats more (or fewer), or a status begins or ends. */
  private record Edge(long at, int chats, int status, boolean begins) {}

  /**
   * The agent's row over [from, to), counting up to {@code now} at most; {@code periods} and
   * {@code chats} are the agent's, in any order.
   */
  static AgentTime row(ScopedAgent agent, List<StatusPeriod> periods, List<HeldChat> chats,
      Instant from, Instant to, Instant now) {
    long start = from.toEpochMilli();
    long end = Math.min(to.toEpochMilli(), now.toEpochMilli());
    List<Edge> edges = new ArrayList<>(periods.size() * 2 + chats.size() * 2);
    for (StatusPeriod period : periods) {
      long a = Math.max(start, period.startedAt().toEpochMilli());
      long b = Math.min(end, period.endedAt() == null ? end : period.endedAt().toEpochMilli());
      if (b > a) {
        int status = period.status().equals("online") ? ONLINE : AWAY;
        edges.add(new Edge(a, 0, status, true));
        edges.add(new Edge(b, 0, status, false));
      }
    }
    for (HeldChat chat : chats) {
      long a = Math.max(start, chat.from().toEpochMilli());
      long b = Math.min(end, chat.to().toEpochMilli());
      if (b > a) {
        edges.add(new Edge(a, 1, 0, true));
        edges.add(new Edge(b, -1, 0, false));
      }
    }
    edges.sort((x, y) -> Long.compare(x.at(), y.at()));
    long online = 0;
    long away = 0;
    long chatTime = 0;
    long busy = 0;
    int max = 0;
    int held = 0;
    int onlineDepth = 0;
    int awayDepth = 0;
    for (int i = 0; i < edges.size(); i++) {
      Edge edge = edges.get(i);
      held += edge.chats();
      if (edge.status() == ONLINE) {
        onlineDepth += edge.begins() ? 1 : -1;
      } else if (edge.status() == AWAY) {
        awayDepth += edge.begins() ? 1 : -1;
      }
      long next = i + 1 < edges.size() ? edges.get(i + 1).at() : edge.at();
      long span = next - edge.at();
      if (span == 0) {
        continue;
      }
      if (onlineDepth > 0) {
        online += span;
        chatTime += span * held;
        if (held > 0) {
          busy += span;
          max = Math.max(max, held);
        }
      } else if (awayDepth > 0) {
        away += span;
      }
    }
    return row(agent, new long[] {online, away, chatTime, busy, max}, start, end);
  }

  /**
   * The agent's row from its sums over [start, end) in milliseconds: online, away, chats held
   * times online, online with a chat, most chats at once (as {@link AgentTimeSource} gives them).
   */
  static AgentTime row(ScopedAgent agent, long[] sums, long start, long end) {
    long online = sums[0];
    long away = sums[1];
    long existed = Math.max(0, end - Math.max(start, agent.createdAt().toEpochMilli()));
    long offline = Math.max(0, existed - online - away);
    return new AgentTime(agent.id(), agent.name(), seconds(online), seconds(away),
        seconds(offline), (int) sums[4], online == 0 ? null : (double) sums[2] / online,
        online == 0 ? null : (double) sums[3] / online);
  }

  private static long seconds(long millis) {
    return Math.round(millis / 1000.0);
  }
}
