package io.switchboard.server;

import io.switchboard.server.api.CsatApi;
import io.switchboard.server.csat.ComplaintOpener;
import io.switchboard.server.csat.CsatSweeper;
import io.switchboard.server.csat.RatingLinks;
import io.switchboard.server.csat.RatingRequests;
import io.switchboard.server.csat.TicketRatings;
import io.switchboard.server.store.csat.CsatDao;
import io.switchboard.server.ticket.TicketService;
import java.time.Duration;

/**
 * A node's satisfaction follow-up: complaints opened from low chat and ticket ratings, the rating
 * requests of solved email tickets with their signed links, the rating page and its endpoint,
 * and the node's sweep that catches up on both. Tickets, ratings and link expiry run on the
 * business clock (tests move it).
 *
 * <p>Thread-safe: it only wires thread-safe parts, once, at start-up.
 */
final class NodeCsat {
  /** How often each node looks for low ratings and solved email tickets. */
  static final Duration SWEEP_PERIOD = Duration.ofSeconds(1);
  private static final String LINK_SECRET = "ticket-rating-links";

  private NodeCsat() {}

  /** Starts the follow-up; the answer stops its sweep (when the node shuts down). */
  static AutoCloseable start(NodeServiceDesk.Parts p, TicketService tickets) {
    CsatDao csat = new CsatDao(p.jdbi());
    RatingLinks links = new RatingLinks(p.stores().secrets().getOrCreate(LINK_SECRET, 32),
        p.businessClock());
    ComplaintOpener complaints = new ComplaintOpener(p.stores(), tickets.intake(),
        p.businessClock());
    String base = p.config().publicUrl() != null ? p.config().publicUrl()
        : "http://localhost:" + p.config().port();
    RatingRequests requests = new RatingRequests(csat, links, base, p.businessClock());
    new CsatApi(new TicketRatings(p.stores(), csat, links, complaints, p.businessClock()),
        p.store()).register(p.api());
    CsatSweeper sweeper = new CsatSweeper(csat, complaints, requests, p.businessClock());
    sweeper.start(SWEEP_PERIOD);
    return sweeper;
  }
}
