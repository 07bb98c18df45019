package io.switchboard.server.report.index;

import static io.switchboard.server.report.index.ChatColumns.NO_INTS;
import static io.switchboard.server.report.index.ChatColumns.seconds;

import io.switchboard.server.store.report.ReportIndexDao.TicketRow;
import java.util.Arrays;

/**
 * The ticket facts of the report index, one array per column and one slot per ticket, kept like
 * {@link ChatColumns}: a solve time of {@link io.switchboard.server.store.report.ReportIndexDao#NONE}
 * means not solved now.
 *
 * <p>Not thread-safe: {@link ReportIndex} guards it with its lock.
 */
final class TicketColumns extends FactSlots {
  long[] createdAt = new long[0];
  long[] solvedAt = new long[0];
  /** channel, type, priority as label numbers: [column][slot]. */
  int[][] labels = new int[3][0];
  boolean[] reopened = new boolean[0];
  int[] replies = NO_INTS;
  int[] firstResponse = NO_INTS;
  int[] resolution = NO_INTS;

  /** Adds or replaces the ticket's fact. */
  void put(TicketRow row, Dictionaries words) {
    int slot = slot(row.id());
    share(slot, words, row.site(), row.queue(), row.assignee(), row.tags(), row.nextResponses(),
        row.ratingScore(), row.ratedAt());
    createdAt[slot] = row.createdAt();
    solvedAt[slot] = row.solvedAt();
    labels[0][slot] = words.labels.number(row.channel());
    labels[1][slot] = words.labels.number(row.type());
    labels[2][slot] = words.labels.number(row.priority());
    reopened[slot] = row.reopened();
    replies[slot] = row.replies();
    firstResponse[slot] = seconds(row.firstResponse());
    resolution[slot] = seconds(row.resolution());
  }

  @Override
  void move(int from, int to) {
    createdAt[to] = createdAt[from];
    solvedAt[to] = solvedAt[from];
    for (int[] column : labels) {
      column[to] = column[from];
    }
    reopened[to] = reopened[from];
    replies[to] = replies[from];
    firstResponse[to] = firstResponse[from];
    resolution[to] = resolution[from];
  }

  @Override
  void resize(int capacity) {
    createdAt = Arrays.copyOf(createdAt, capacity);
    solvedAt = Arrays.copyOf(solvedAt, capacity);
    for (int i = 0; i < labels.length; i++) {
      labels[i] = Arrays.copyOf(labels[i], capacity);
    }
    reopened = Arrays.copyOf(reopened, capacity);
    replies = Arrays.copyOf(replies, capacity);
    firstResponse = Arrays.copyOf(firstResponse, capacity);
    resolution = Arrays.copyOf(resolution, capacity);
  }
}
