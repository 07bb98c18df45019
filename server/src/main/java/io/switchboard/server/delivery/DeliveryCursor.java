package io.switchboard.server.delivery;

/**
 * Where one session stands in one conversation: the highest seq delivered to it without a gap,
 * the highest seq it has been told about, and whether a backfill from PostgreSQL is running.
 * Until the cursor is synced (by {@code resume}, {@code start} or an assignment) live messages
 * are only noted, never delivered, so the client cannot see them out of order.
 *
 * <p>Not thread-safe: touched only on its conversation's executor.
 */
public final class DeliveryCursor {
  private long delivered = -1;
  private long highestSeen;
  private boolean fetching;

  public boolean synced() {
    return delivered >= 0;
  }

  public long delivered() {
    return delivered;
  }

  public void syncTo(long seq) {
    delivered = seq;
  }

  /** Delivered the next seq; returns false (and changes nothing) if it is not the next one. */
  public boolean advance(long seq) {
    if (seq != delivered + 1) {
      return false;
    }
    delivered = seq;
    return true;
  }

  public void seen(long seq) {
    highestSeen = Math.max(highestSeen, seq);
  }

  public boolean behind() {
    return synced() && highestSeen > delivered;
  }

  public boolean fetching() {
    return fetching;
  }

  public void fetching(boolean value) {
    fetching = value;
  }
}
