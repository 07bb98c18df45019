package io.switchboard.server.csat;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.csat.CsatDao;
import io.switchboard.server.store.csat.LowRating;
import io.switchboard.server.store.ticket.Ticket;
import io.switchboard.server.util.SwitchboardException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The requester's rating of a ticket through the signed link of its rating request: the link
 * is checked ({@link RatingLinks}), the score and comment stored in {@code ticket_ratings} (a
 * later rating replaces the earlier one while the link is valid), and a score of 1 or 2 opens the
 * ticket's complaint at once (exactly once, however often it is rated).
 *
 * <p>Thread-safe. Blocks on the database: call it on the store executor.
 */
public final class TicketRatings {
  /** At most this many characters of comment. */
  public static final int MAX_COMMENT = 2000;

  /** What the rating page shows: the link's state, and for a valid link the ticket. */
  public record Page(RatingLinks.Status status, Ticket ticket,
      Optional<CsatDao.TicketRating> current, Instant expiresAt) {}

  /** A stored rating, and the complaint it opened now (if it did). */
  public record Rated(Ticket ticket, int score, String comment, Instant at,
      Optional<Ticket> complaint) {}

  private final Stores stores;
  private final CsatDao csat;
  private final RatingLinks links;
  private final ComplaintOpener complaints;
  private final Clock clock;

  public TicketRatings(Stores stores, CsatDao csat, RatingLinks links, ComplaintOpener complaints,
      Clock clock) {
    this.stores = stores;
    this.csat = csat;
    this.links = links;
    this.complaints = complaints;
    this.clock = clock;
  }

  public Page page(String token) {
    RatingLinks.Check check = links.check(token);
    Optional<Ticket> ticket = check.status() == RatingLinks.Status.VALID
        ? stores.tickets().find(check.ticketId()) : Optional.empty();
    if (ticket.isEmpty()) {
      return new Page(check.status() == RatingLinks.Status.EXPIRED ? RatingLinks.Status.EXPIRED
          : RatingLinks.Status.INVALID, null, Optional.empty(), null);
    }
    return new Page(RatingLinks.Status.VALID, ticket.get(), csat.ticketRating(ticket.get().id()),
        check.expiresAt());
  }

  /** Stores the rating; {@code FORBIDDEN} for a link that is not valid or has expired. */
  public Rated rate(String token, int score, String comment) {
    if (score < 1 || score > 5) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD, "score: 1 to 5");
    }
    String text = comment == null || comment.isBlank() ? null : comment.strip();
    if (text != null && text.length() > MAX_COMMENT) {
      throw new SwitchboardException(ErrorCode.INVALID_FIELD,
          "comment: at most " + MAX_COMMENT + " characters");
    }
    Page page = page(token);
    if (page.status() != RatingLinks.Status.VALID) {
      throw new SwitchboardException(ErrorCode.FORBIDDEN, "rating link: "
          + (page.status() == RatingLinks.Status.EXPIRED ? "expired" : "not valid"));
    }
    Ticket ticket = page.ticket();
    Instant at = clock.instant();
    csat.rateTicket(ticket.id(), ticket.contactId(), score, text, at);
    Optional<Ticket> complaint = Optional.empty();
    if (score <= ComplaintOpener.LOW_SCORE) {
      complaint = complaints.open(new LowRating(null, ticket.id(), ticket.number(),
          ticket.subject(), ticket.siteId(), ticket.contactId(), ticket.queueId(), score, text));
    }
    return new Rated(ticket, score, text, at, complaint);
  }
}
