package io.switchboard.server.csat;

import io.switchboard.server.store.csat.CsatDao;
import io.switchboard.server.store.csat.LowRating;
import io.switchboard.server.store.csat.SolvedEmailTicket;
import io.switchboard.server.util.CycleCount;
import io.switchboard.server.util.Periodic;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each node's pass over the satisfaction follow-up: opens the complaints of low chat and ticket
 * ratings that have none yet (chat ratings come through the conversation owner; a ticket rating
 * opens its complaint at once, and this pass catches one whose node stopped first), and queues
 * the rating requests of solved email tickets. Every node runs it; the claims in the database
 * make each complaint and each request happen once.
 *
 * <p>Thread-safe: runs on its own single thread; {@link #cycleCount} may be read from any thread.
 */
public final class CsatSweeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CsatSweeper.class);
  private static final int BATCH = 50;
  /** Ratings this old or older are left alone (a complaint comes days late or not at all). */
  static final Duration RATING_WINDOW = Duration.ofDays(30);
  /** Tickets solved longer ago get no request (nor do those solved before an upgrade). */
  static final Duration SOLVED_WINDOW = Duration.ofDays(2);

  private final CsatDao csat;
  private final ComplaintOpener complaints;
  private final RatingRequests requests;
  private final Clock clock;
  private final CycleCount cycleCount = new CycleCount();
  private volatile Periodic task;

  public CsatSweeper(CsatDao csat, ComplaintOpener complaints, RatingRequests requests,
      Clock clock) {
    this.csat = csat;
    this.complaints = complaints;
    this.requests = requests;
    this.clock = clock;
  }

  public void start(Duration period) {
    task = Periodic.start("csat-follow-up", period, period, () -> cycleCount.run(this::cycle));
  }

  public CycleCount cycleCount() {
    return cycleCount;
  }

  /** One pass: complaints first, then rating requests, each in batches. */
  void cycle() {
    List<LowRating> low;
    do {
      low = csat.lowRatings(clock.instant().minus(RATING_WINDOW), BATCH);
      low.forEach(this::openQuietly);
    } while (low.size() == BATCH);
    List<SolvedEmailTicket> solved = csat.solvedWithoutRequest(
        clock.instant().minus(SOLVED_WINDOW), BATCH);
    solved.forEach(requests::request);
  }

  /** One complaint; a failure is logged and the rating tried again next pass. */
  private void openQuietly(LowRating rating) {
    try {
      complaints.open(rating);
    } catch (RuntimeException e) {
      LOG.warn("complaint for a rating of {} not opened yet: {}",
          rating.chat() ? rating.conversationId() : rating.ticketId(), e.toString());
    }
  }

  @Override
  public void close() {
    Periodic running = task;
    if (running != null) {
      running.close();
    }
  }
}
