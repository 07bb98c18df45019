package io.switchboard.server.mail;

import io.switchboard.server.attachment.AttachmentService;
import io.switchboard.server.config.MailSettings;
import io.switchboard.server.store.Stores;
import io.switchboard.server.store.attachment.Attachment;
import io.switchboard.server.store.mail.MailAddress;
import io.switchboard.server.store.mail.OutboxDao;
import io.switchboard.server.store.mail.OutboxItem;
import io.switchboard.server.store.ticket.Ticket;
import io.switchboard.server.store.ticket.TicketEntry;
import io.switchboard.server.util.CycleCount;
import io.switchboard.server.util.Periodic;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each node's sender of the mail outbox (public replies, and the rating requests of solved email
 * tickets, threaded the same way): every period it sends what is due, one row at a time,
 * each claimed with {@code FOR UPDATE SKIP LOCKED} and marked in the same transaction
 * ({@link OutboxDao#sendOne}). A refusal with a 5xx answer fails the row for good; anything else
 * (the server down, a 4xx answer) is tried again after 30 s, doubling up to an hour, at most
 * {@link #MAX_ATTEMPTS} times. Times come from the injected clock.
 *
 * <p>The one window left: the SMTP server accepted the mail but the node died before its commit;
 * the row is then sent again, with the same Message-ID (which lets the recipient's client drop the
 * copy).
 *
 * <p>Thread-safe: runs on its own single thread; {@link #cycleCount} may be read from any thread.
 */
public final class OutboxSender implements AutoCloseable {
  static final int MAX_ATTEMPTS = 12;
  private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
  private static final Duration LONGEST_RETRY = Duration.ofHours(1);
  private static final int BATCH = 50;
  private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);

  private final Stores stores;
  private final MailSettings settings;
  private final Session session;
  private final Clock clock;
  private final AttachmentService attachments;
  private final CycleCount cycleCount = new CycleCount();
  private volatile Periodic task;

  public OutboxSender(Stores stores, MailSettings settings, AttachmentService attachments,
      Clock clock) {
    this.stores = stores;
    this.attachments = attachments;
    this.settings = settings;
    this.clock = clock;
    this.session = Session.getInstance(properties(settings));
  }

  public void start() {
    task = Periodic.start("mail-outbox", Duration.ZERO, settings.outboxPeriod(),
        () -> cycleCount.run(this::cycle));
  }

  public CycleCount cycleCount() {
    return cycleCount;
  }

  void cycle() {
    for (int sent = 0; sent < BATCH; sent++) {
      if (!stores.outbox().sendOne(clock.instant(), this::attempt)) {
        return;
      }
    }
  }

  /** One attempt; a failure of ours (not the SMTP server's) is retried like a server that is down. */
  private OutboxDao.Attempt attempt(OutboxItem item) {
    try {
      return send(item);
    } catch (RuntimeException e) {
      LOG.warn("mail of reply {} not sent: {}", item.entryId(), e.toString());
      int attempts = item.attempts() + 1;
      return attempts >= MAX_ATTEMPTS ? failed("gave up after " + attempts + " attempts: " + e, null)
          : new OutboxDao.Attempt("queued", e.toString(), clock.instant().plus(backOff(attempts)),
              null, null, null);
    }
  }

  /** The reply's files as mail parts; a store that cannot be read is retried like a failure. */
  private List<MailPart> files(UUID ticketId, long entryId) {
    List<MailPart> parts = new ArrayList<>();
    for (Attachment file : attachments.ofEntry(ticketId, entryId)) {
      try {
        parts.add(new MailPart(file.fileName(), file.contentType(), attachments.bytes(file), null,
            false));
      } catch (IOException e) {
        throw new UncheckedIOException("the file " + file.id() + " cannot be read", e);
      }
    }
    return parts;
  }

  private OutboxDao.Attempt send(OutboxItem item) {
    Instant now = clock.instant();
    Ticket ticket = stores.tickets().find(item.ticketId()).orElseThrow();
    Optional<MailAddress> from = stores.mailAddresses().sender(ticket.siteId(), ticket.queueId());
    boolean ratingRequest = OutboxItem.RATING_REQUEST.equals(item.kind());
    Optional<String> text = ratingRequest ? Optional.ofNullable(item.body())
        : stores.tickets().entries(ticket.id(), true).stream()
            .filter(e -> e.id() == item.entryId()).findFirst().map(TicketEntry::body);
    if (from.isEmpty() || text.isEmpty()) {
      return failed(from.isEmpty() ? "no support address on this site to send from"
          : "the reply is no longer in the ticket", null);
    }
    List<String> references = stores.outbox().threadIds(ticket.id()).stream()
        .filter(id -> !id.equals(item.messageId())).toList();
    OutboundMail.Reply reply = new OutboundMail.Reply(from.get().address(),
        from.get().displayName(), item.recipient(), ticket.requesterName(), ticket.number(),
        ticket.subject(), text.get(), item.messageId(),
        stores.outbox().lastReceived(ticket.id()).orElse(null), references,
        ratingRequest ? List.of() : files(ticket.id(), item.entryId()), now);
    try {
      MimeMessage message = OutboundMail.build(session, reply);
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      message.writeTo(raw);
      try (Transport transport = session.getTransport(
          settings.smtpTls().equals("tls") ? "smtps" : "smtp")) {
        transport.connect(settings.smtpHost(), settings.smtpPort(), settings.smtpUser(),
            settings.smtpPassword());
        transport.sendMessage(message, message.getAllRecipients());
      }
      LOG.info("mail of reply {} (ticket #{}) sent", item.entryId(), ticket.number());
      return new OutboxDao.Attempt("sent", null, null, raw.toByteArray(), from.get().address(),
          message.getSubject());
    } catch (MessagingException | IOException e) {
      int code = smtpCode(e);
      String answer = describe(e);
      if (code >= 500) {
        return failed(answer, null);
      }
      int attempts = item.attempts() + 1;
      if (attempts >= MAX_ATTEMPTS) {
        return failed("gave up after " + attempts + " attempts: " + answer, null);
      }
      LOG.info("mail of reply {} not sent (attempt {}): {}", item.entryId(), attempts, answer);
      return new OutboxDao.Attempt("queued", answer, now.plus(backOff(attempts)), null, null,
          null);
    }
  }

  /** How long to wait after the {@code attempts}-th failed attempt. */
  public static Duration backOff(int attempts) {
    Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(20, attempts - 1));
    return delay.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : delay;
  }

  private static OutboxDao.Attempt failed(String error, Instant next) {
    return new OutboxDao.Attempt("failed", error, next, null, null, null);
  }

  /** The SMTP reply code in the failure, or 0 when the server never answered. */
  private static int smtpCode(Exception e) {
    for (Throwable t = e; t != null; t = t instanceof MessagingException m
        && m.getNextException() != null ? m.getNextException() : t.getCause()) {
      if (t instanceof SMTPAddressFailedException address) {
        return address.getReturnCode();
      }
      if (t instanceof SMTPSendFailedException send) {
        return send.getReturnCode();
      }
      if (t == t.getCause()) {
        break;
      }
    }
    return 0;
  }

  private static String describe(Exception e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()).strip());
    if (e instanceof MessagingException m && m.getNextException() != null) {
      text.append(": ").append(String.valueOf(m.getNextException().getMessage()).strip());
    }
    return text.length() <= 500 ? text.toString() : text.substring(0, 500);
  }

  /** The Jakarta Mail settings of an SMTP session: timeouts and the TLS mode. */
  public static Properties properties(MailSettings settings) {
    Properties props = new Properties();
    for (String protocol : new String[] {"smtp", "smtps"}) {
      props.put("mail." + protocol + ".connectiontimeout", "10000");
      props.put("mail." + protocol + ".timeout", "30000");
      props.put("mail." + protocol + ".writetimeout", "30000");
      props.put("mail." + protocol + ".auth", Boolean.toString(settings.smtpUser() != null));
    }
    if (settings.smtpTls().equals("starttls")) {
      props.put("mail.smtp.starttls.enable", "true");
      props.put("mail.smtp.starttls.required", "true");
    }
    return props;
  }

  @Override
  public void close() {
    Periodic running = task;
    if (running != null) {
      running.close();
    }
  }
}
