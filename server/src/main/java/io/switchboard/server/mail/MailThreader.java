package io.switchboard.server.mail;

import io.switchboard.server.store.Stores;
import io.switchboard.server.store.contact.Contact;
import io.switchboard.server.store.ticket.Ticket;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the ticket a mail answers: by its {@code In-Reply-To} and {@code References} (every
 * Message-ID we received or sent is stored with its ticket), else by a ticket number in the
 * subject such as {@code [#1042]}; either way only a ticket of the same site whose requester has
 * the sender's address. A merged ticket answers with the ticket it was merged into.
 *
 * <p>Thread-safe: stateless; call it from a thread that may block.
 */
final class MailThreader {
  private static final Pattern NUMBER = Pattern.compile("\\[#(\\d{1,18})]");

  private final Stores stores;

  MailThreader(Stores stores) {
    this.stores = stores;
  }

  /** The ticket the mail answers, if any. */
  Optional<Ticket> ticketFor(String siteId, ParsedMail mail) {
    Optional<Ticket> byHeaders = stores.mail().ticketOf(siteId, mail.references())
        .flatMap(stores.tickets()::find)
        .filter(ticket -> sameRequester(ticket, mail.fromAddress()));
    if (byHeaders.isPresent()) {
      return byHeaders.map(this::survivor);
    }
    Optional<Long> number = numberIn(mail.subject());
    return number.flatMap(n -> stores.mail().ticketByNumber(siteId, n))
        .flatMap(stores.tickets()::find)
        .filter(ticket -> sameRequester(ticket, mail.fromAddress()))
        .map(this::survivor);
  }

  /** The ticket number in a subject such as {@code Re: [#1042] Printer}, if any. */
  static Optional<Long> numberIn(String subject) {
    if (subject == null) {
      return Optional.empty();
    }
    Matcher matcher = NUMBER.matcher(subject);
    return matcher.find() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
  }

  private boolean sameRequester(Ticket ticket, String address) {
    if (address == null) {
      return false;
    }
    String lower = address.toLowerCase(Locale.ROOT);
    if (ticket.requesterEmail() != null
        && ticket.requesterEmail().strip().toLowerCase(Locale.ROOT).equals(lower)) {
      return true;
    }
    return stores.contacts().find(ticket.contactId()).map(Contact::email)
        .filter(email -> email.strip().toLowerCase(Locale.ROOT).equals(lower)).isPresent();
  }

  private Ticket survivor(Ticket ticket) {
    Ticket current = ticket;
    for (int hops = 0; current.mergedInto() != null && hops < 10; hops++) {
      UUID into = current.mergedInto();
      current = stores.tickets().find(into).orElse(current);
    }
    return current;
  }
}
