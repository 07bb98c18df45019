package io.switchboard.server.mail;

import io.switchboard.server.access.Principal;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.contact.Contact;
import io.switchboard.server.store.mail.MailAddress;
import io.switchboard.server.store.mail.MailMessageDao;
import io.switchboard.server.store.ticket.Ticket;
import io.switchboard.server.store.ticket.TicketEntry;
import io.switchboard.server.store.ticket.TicketStatus;
import io.switchboard.server.ticket.TicketService;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where received mail goes, whichever way it came (the SMTP listener or an IMAP mailbox). A mail
 * is first stored whole (state {@code received}; a Message-ID seen before stores nothing), which
 * is when the sender is told it arrived; then it is threaded under its row's lock: ignored when
 * automatic ({@link LoopGuard}), added to the ticket it answers ({@link MailThreader}), a closed
 * ticket's follow-up, or a new ticket. Mail stored but not threaded (a node stopped in between)
 * is threaded by {@link #threadLeftovers}.
 *
 * <p>Thread-safe. Every method blocks on the database.
 */
public final class MailIntake {
  /** What became of one delivery: stored and threaded, or a duplicate of a stored mail. */
  public enum Result { THREADED, DUPLICATE }

  private static final Logger LOG = LoggerFactory.getLogger(MailIntake.class);
  private static final int MAX_BODY = 20_000;
  private static final int MAX_THREAD_ATTEMPTS = 10;

  private final Stores stores;
  private final TicketService tickets;
  private final MailThreader threader;
  private final AttachmentSink attachments;
  private final MimeMailParser parser = new MimeMailParser();
  private final Clock clock;

  public MailIntake(Stores stores, TicketService tickets, AttachmentSink attachments, Clock clock) {
    this.stores = stores;
    this.tickets = tickets;
    this.threader = new MailThreader(stores);
    this.attachments = attachments;
    this.clock = clock;
  }

  /**
   * Takes a mail to {@code to}. {@code envelopeSender} is the SMTP {@code MAIL FROM} (null from
   * IMAP). A mail Jakarta Mail cannot read is an {@link IOException}.
   */
  public Result receive(byte[] raw, String source, String envelopeSender, MailAddress to)
      throws IOException {
    ParsedMail mail = parser.parse(raw);
    String messageId = mail.messageId() != null ? mail.messageId() : hashId(raw);
    Optional<Long> stored = stores.mail().store(new MailMessageDao.Arrived(messageId, source,
        to.id(), to.siteId(), mail.fromAddress(), to.address(), clip(mail.subject(), 998), raw),
        clock.instant());
    long id = stored.orElseGet(() -> stores.mail().idOf(messageId).orElseThrow());
    if (stored.isEmpty()) {
      LOG.info("mail {} came again by {}: stored once", id, source);
    }
    // Stored is received: a failure from here on leaves the mail to threadLeftovers.
    try {
      Optional<MailMessageDao.Threaded> threaded =
          stores.mail().thread(id, row -> work(mail, envelopeSender, to));
      return stored.isPresent() || threaded.isPresent() ? Result.THREADED : Result.DUPLICATE;
    } catch (RuntimeException e) {
      failed(id, e);
      return stored.isPresent() ? Result.THREADED : Result.DUPLICATE;
    }
  }

  /** Threads mail stored before {@code olderThan} ago and left unthreaded. */
  public int threadLeftovers(java.time.Duration olderThan) {
    int done = 0;
    for (long id : stores.mail().unthreaded(clock.instant().minus(olderThan), 50)) {
      try {
        done += threadStored(id) ? 1 : 0;
      } catch (RuntimeException e) {
        failed(id, e);
      }
    }
    return done;
  }

  /** Counts a failed threading; the tenth makes the mail ignored (kept for operators). */
  private void failed(long id, RuntimeException e) {
    LOG.warn("mail {} stored but not threaded yet: {}", id, e.toString());
    try {
      stores.mail().threadingFailed(id, MAX_THREAD_ATTEMPTS);
    } catch (RuntimeException again) {
      LOG.warn("mail {}: cannot record the failed threading: {}", id, again.toString());
    }
  }

  private boolean threadStored(long id) {
    Optional<MailMessageDao.Threaded> threaded = stores.mail().thread(id, stored -> {
      MailAddress to = stored.mail().addressId() == null ? null
          : stores.mailAddresses().find(stored.mail().addressId()).orElse(null);
      if (to == null) {
        return ignored("address_removed");
      }
      try {
        return work(parser.parse(stored.raw()), null, to);
      } catch (IOException e) {
        return ignored("unreadable");
      }
    });
    return threaded.isPresent();
  }

  private MailMessageDao.Threaded work(ParsedMail mail, String envelopeSender, MailAddress to) {
    Optional<String> loop = LoopGuard.reason(mail, envelopeSender,
        address -> stores.mailAddresses().byAddress(address).isPresent());
    if (loop.isPresent()) {
      LOG.info("mail to {} ignored: {}", to.address(), loop.get());
      return ignored(loop.get());
    }
    String html = mail.html() == null ? null : HtmlMail.sanitize(mail.html());
    String text = (mail.text() != null ? mail.text()
        : mail.html() != null ? HtmlMail.text(mail.html()) : "")
        .replace("\r\n", "\n").replace('\r', '\n');
    Optional<Ticket> answered = threader.ticketFor(to.siteId(), mail);
    MailMessageDao.Threaded done;
    if (answered.isPresent() && answered.get().status() != TicketStatus.CLOSED) {
      Ticket ticket = answered.get();
      TicketEntry entry = tickets.machine().customerReply(
          Principal.visitor(ticket.contactId().toString(), ticket.siteId()), ticket.id(),
          body(QuoteStripper.strip(text))).entry();
      done = new MailMessageDao.Threaded("reply", null, ticket.id(), entry.id(), html);
    } else {
      UUID contact = requester(to.siteId(), mail);
      Ticket ticket = tickets.intake().fromMail(to.siteId(), to.queueId(), contact,
          mail.fromName(), mail.fromAddress(), subject(mail.subject()),
          body(answered.isPresent() ? QuoteStripper.strip(text) : text.strip()),
          answered.orElse(null));
      long entryId = stores.tickets().entries(ticket.id(), false).get(0).id();
      done = new MailMessageDao.Threaded("ticket", null, ticket.id(), entryId, html);
    }
    if (!mail.parts().isEmpty()) {
      attachments.store(done.ticketId(), done.entryId(), mail.parts());
    }
    return done;
  }

  private UUID requester(String siteId, ParsedMail mail) {
    return stores.mail().contactByEmail(siteId, mail.fromAddress()).orElseGet(() -> {
      UUID id = UUID.randomUUID();
      stores.contacts().create(new Contact(id, siteId, clip(mail.fromName(), 100),
          mail.fromAddress(), null));
      return id;
    });
  }

  private static MailMessageDao.Threaded ignored(String reason) {
    return new MailMessageDao.Threaded("ignored", reason, null, null, null);
  }

  private static String subject(String subject) {
    String clean = subject == null ? "" : subject.strip();
    return clean.isEmpty() ? "(no subject)" : clip(clean, 200);
  }

  private static String body(String text) {
    String clean = text.strip();
    if (clean.isEmpty()) {
      return "(no text)";
    }
    return clean.length() <= MAX_BODY ? clean
        : clean.substring(0, MAX_BODY - 40) + "\n[cut; the whole mail is kept]";
  }

  private static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  /** A Message-ID for a mail without one: the hash of its bytes, so a second copy matches. */
  static String hashId(byte[] raw) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
      return "sha256." + HexFormat.of().formatHex(digest) + "@no-message-id.invalid";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
