package io.switchboard.server.report.index;

import io.switchboard.server.store.report.FactFilter;
import java.util.Set;

/**
 * A {@link FactFilter} turned into what the index compares: the range in microseconds, the site,
 * agent and labels as dictionary numbers, and which queues and tags pass, so a row is checked with
 * a few array reads. It matches what {@code FactFilter}'s SQL conditions match: the team by its
 * queues now, a missing queue or agent never equal to a given one, tags by overlap.
 *
 * <p>Immutable after construction; one query owns it.
 */
final class RowFilter {
  /** Any value passes. */
  private static final int ANY = Integer.MIN_VALUE;

  final long from;
  final long to;
  private final int site;
  private final int agent;
  private final int[] labels;
  private final boolean[] queues;
  private final boolean noQueuePasses;
  private final boolean[] tags;

  /** {@code teamQueues}: the queues of the filter's team, when it has one. */
  RowFilter(FactFilter filter, Set<String> teamQueues, Dictionaries words) {
    from = micros(filter.from());
    to = micros(filter.to());
    site = filter.site() == null ? ANY : words.sites.find(filter.site());
    agent = filter.agent() == null ? ANY : words.agents.find(filter.agent());
    labels = new int[] {label(filter.channel(), words), label(filter.type(), words),
        label(filter.priority(), words)};
    noQueuePasses = filter.team() == null && filter.scopeQueues() == null
        && filter.queue() == null;
    queues = new boolean[words.queues.size()];
    for (int q = 0; q < queues.length; q++) {
      String id = words.queues.value(q);
      queues[q] = (filter.queue() == null || filter.queue().equals(id))
          && (filter.scopeQueues() == null || filter.scopeQueues().contains(id))
          && (filter.team() == null || teamQueues.contains(id));
    }
    if (filter.tags().isEmpty()) {
      tags = null;
    } else {
      tags = new boolean[words.tags.size()];
      for (String tag : filter.tags()) {
        int number = words.tags.find(tag);
        if (number >= 0) {
          tags[number] = true;
        }
      }
    }
  }

  /** Whether chat fact {@code slot} passes (time aside; ticket-only filters checked apart). */
  boolean chat(ChatColumns chats, int slot) {
    return common(chats.site[slot], chats.queue[slot], chats.agent[slot], chats.tags[slot]);
  }

  /** Whether ticket fact {@code slot} passes (time aside). */
  boolean ticket(TicketColumns tickets, int slot) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != ANY && labels[i] != tickets.labels[i][slot]) {
        return false;
      }
    }
    return common(tickets.site[slot], tickets.queue[slot], tickets.agent[slot],
        tickets.tags[slot]);
  }

  boolean inRange(long at) {
    return at >= from && at < to;
  }

  private boolean common(int rowSite, int rowQueue, int rowAgent, int[] rowTags) {
    if (site != ANY && site != rowSite) {
      return false;
    }
    if (rowQueue == Dictionary.NULL ? !noQueuePasses : !queues[rowQueue]) {
      return false;
    }
    if (agent != ANY && (agent != rowAgent || rowAgent == Dictionary.NULL)) {
      return false;
    }
    if (tags != null) {
      for (int tag : rowTags) {
        if (tags[tag]) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  private static int label(String value, Dictionaries words) {
    return value == null ? ANY : words.labels.find(value);
  }

  static long micros(java.time.Instant at) {
    return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
  }
}
