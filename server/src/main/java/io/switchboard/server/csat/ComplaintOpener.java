package io.switchboard.server.csat;

import io.switchboard.server.store.Stores;
import io.switchboard.server.store.csat.CsatDao;
import io.switchboard.server.store.csat.LowRating;
import io.switchboard.server.store.ticket.Ticket;
import io.switchboard.server.store.ticket.TicketChannel;
import io.switchboard.server.ticket.TicketIntake;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the complaint a rating of 1 or 2 calls for, through the ticket intake (so its SLA clocks
 * start, its {@code created} event is recorded and the team hears of it): type complaint,
 * unassigned in the rated chat's or ticket's queue (whose teams are the ones that answer for
 * it), the requester as requester, their comment as the first entry. A chat is linked as the
 * complaint's source (its transcript opens from the ticket); a rated ticket and its complaint
 * each record the other in their history. The claim in {@code csat_complaints}, made in the
 * transaction that opens the ticket, makes it exactly one complaint per rated chat or ticket,
 * whichever node or retry gets there first.
 *
 * <p>Thread-safe. Blocks on the database: call it from a thread that may block.
 */
public final class ComplaintOpener {
  private static final Logger LOG = LoggerFactory.getLogger(ComplaintOpener.class);
  /** Ratings at or below this score open a complaint. */
  public static final int LOW_SCORE = 2;

  private final Stores stores;
  private final TicketIntake intake;
  private final Clock clock;

  public ComplaintOpener(Stores stores, TicketIntake intake, Clock clock) {
    this.stores = stores;
    this.intake = intake;
    this.clock = clock;
  }

  /** The complaint for {@code rating}; empty when one was opened for it before. */
  public Optional<Ticket> open(LowRating rating) {
    String body = rating.comment() == null || rating.comment().isBlank()
        ? "Rated " + rating.score() + " of 5, without a comment."
        : rating.comment().strip();
    Optional<Ticket> complaint;
    if (rating.chat()) {
      complaint = intake.complaint(rating.siteId(), rating.contactId(), rating.queueId(),
          TicketChannel.CHAT, "Complaint: chat rated " + rating.score() + " of 5", body,
          rating.conversationId(), CsatDao.chatClaim(rating.conversationId(), rating.score()));
    } else {
      complaint = intake.complaint(rating.siteId(), rating.contactId(), rating.queueId(),
          TicketChannel.WEB_FORM, subject(rating), body, null,
          CsatDao.ticketClaim(rating.ticketId(), rating.score()));
      complaint.ifPresent(opened -> linkTickets(rating, opened));
    }
    complaint.ifPresent(opened -> LOG.info("complaint #{} opened for a rating of {} ({} {})",
        opened.number(), rating.score(), rating.chat() ? "chat" : "ticket",
        rating.chat() ? rating.conversationId() : rating.ticketId()));
    return complaint;
  }

  private void linkTickets(LowRating rating, Ticket complaint) {
    stores.tickets().recordEvent(complaint.id(), "complaint_of", "system",
        Map.of("ticket", rating.ticketId().toString(), "number", rating.ticketNumber(),
            "score", rating.score()), clock.instant());
    stores.tickets().recordEvent(rating.ticketId(), "complaint_opened", "system",
        Map.of("ticket", complaint.id().toString(), "number", complaint.number(),
            "score", rating.score()), clock.instant());
  }

  private static String subject(LowRating rating) {
    String subject = "Complaint: #" + rating.ticketNumber() + " rated " + rating.score()
        + " of 5 (" + rating.ticketSubject() + ")";
    return subject.length() <= 200 ? subject : subject.substring(0, 196) + "...)";
  }
}
