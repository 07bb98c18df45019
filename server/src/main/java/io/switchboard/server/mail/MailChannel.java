package io.switchboard.server.mail;

import io.switchboard.server.config.MailSettings;
import io.switchboard.server.store.Stores;
import io.switchboard.server.ticket.TicketService;
import io.switchboard.server.util.CycleCount;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The email channel of one node: the SMTP listener (when a port is set), the IMAP poller and
 * the outbox sender (when an SMTP server is set; otherwise replies wait in the outbox), all
 * feeding one {@link MailIntake}. Built and closed by the node.
 *
 * <p>Thread-safe: its parts are; {@link #close} is called once.
 */
public final class MailChannel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MailChannel.class);

  private final MailCredentials credentials;
  private final SmtpListener listener;
  private final ImapPoller poller;
  private final OutboxSender sender;

  private MailChannel(MailCredentials credentials, SmtpListener listener, ImapPoller poller,
      OutboxSender sender) {
    this.credentials = credentials;
    this.listener = listener;
    this.poller = poller;
    this.sender = sender;
  }

  /**
   * Starts the parts the settings ask for; the listener binds to {@code bindHost} and takes at
   * most {@code maxSessions} sessions at once.
   */
  public static MailChannel start(Stores stores, TicketService tickets, MailSettings settings,
      String bindHost, int maxSessions, Clock clock) throws IOException {
    MailCredentials credentials =
        new MailCredentials(stores.secrets().getOrCreate("mail-credentials", 32));
    MailIntake intake = new MailIntake(stores, tickets, AttachmentSink.NOT_STORED, clock);
    SmtpListener listener = settings.listenPort() < 0 ? null : new SmtpListener(bindHost,
        settings.listenPort(), settings.maxMessageBytes(), maxSessions, stores.mailAddresses(),
        intake);
    ImapPoller poller = new ImapPoller(stores.mailAddresses(), credentials, intake,
        settings.maxMessageBytes(), settings.imapPollPeriod());
    poller.start();
    OutboxSender sender = null;
    if (settings.smtpHost() != null) {
      sender = new OutboxSender(stores, settings, clock);
      sender.start();
    } else {
      LOG.warn("no SWITCHBOARD_SMTP_HOST: replies to mail wait in the outbox until one is set");
    }
    return new MailChannel(credentials, listener, poller, sender);
  }

  public MailCredentials credentials() {
    return credentials;
  }

  /** Restarts the IMAP mailboxes after an admin's change. */
  public void addressesChanged() {
    poller.refresh();
  }

  /** The SMTP listener's port, or -1 when there is none. */
  public int smtpPort() {
    return listener == null ? -1 : listener.port();
  }

  /** Cycles of the outbox sender (tests wait for whole cycles); null without an SMTP server. */
  public CycleCount outboxCycles() {
    return sender == null ? null : sender.cycleCount();
  }

  @Override
  public void close() {
    if (listener != null) {
      listener.close();
    }
    poller.close();
    if (sender != null) {
      sender.close();
    }
  }
}
