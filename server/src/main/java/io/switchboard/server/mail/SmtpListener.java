package io.switchboard.server.mail;

import io.switchboard.server.store.mail.MailAddress;
import io.switchboard.server.store.mail.MailAddressDao;
import io.switchboard.server.util.SwitchboardException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.TooMuchDataException;
import org.subethamail.smtp.server.SMTPServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switchboard's own SMTP server for inbound mail (SubEthaSMTP, on its own threads): it accepts
 * mail only for known support addresses (any other recipient is refused at {@code RCPT} with
 * 550), refuses mail over the size limit, and answers {@code 250} only once the mail is stored
 * in PostgreSQL; when the database cannot be reached it answers {@code 451}, so the sending
 * server tries again later.
 *
 * <p>Thread-safe: each SMTP session has its own handler.
 */
public final class SmtpListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpListener.class);

  private final SMTPServer server;

  /**
   * Binds to {@code bindHost}:{@code port} (0: a free port) and starts accepting, at most
   * {@code maxSessions} SMTP sessions at once (each may hold two database connections while it
   * stores and threads a mail; more are told 421 and come back later).
   */
  public SmtpListener(String bindHost, int port, int maxBytes, int maxSessions,
      MailAddressDao addresses, MailIntake intake) throws UnknownHostException {
    server = new SMTPServer.Builder()
        .bindAddress(InetAddress.getByName(bindHost))
        .port(port)
        .softwareName("Switchboard")
        .maxMessageSize(maxBytes)
        .maxRecipients(50)
        .maxConnections(maxSessions)
        .connectionTimeoutMs(60_000)
        .messageHandlerFactory(context -> new Session(context, addresses, intake))
        .build();
    server.start();
    LOG.info("SMTP listener on {}:{}", bindHost, server.getPortAllocated());
  }

  /** The port it listens on. */
  public int port() {
    return server.getPortAllocated();
  }

  @Override
  public void close() {
    server.stop();
  }

  /** One SMTP transaction. */
  private static final class Session implements MessageHandler {
    private final MessageContext context;
    private final MailAddressDao addresses;
    private final MailIntake intake;
    private String envelopeSender;
    private MailAddress to;

    Session(MessageContext context, MailAddressDao addresses, MailIntake intake) {
      this.context = context;
      this.addresses = addresses;
      this.intake = intake;
    }

    @Override
    public void from(String from) {
      envelopeSender = from == null ? "" : from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
      Optional<MailAddress> address;
      try {
        address = addresses.byAddress(recipient.toLowerCase(Locale.ROOT));
      } catch (SwitchboardException e) {
        throw new RejectException(451, "4.3.0 cannot check recipients now; try again later");
      }
      if (address.isEmpty()) {
        throw new RejectException(550, "5.1.1 <" + recipient + ">: no such support address here");
      }
      if (to == null) {
        to = address.get();
      }
    }

    @Override
    public String data(InputStream data) throws RejectException, TooMuchDataException,
        IOException {
      byte[] raw = data.readAllBytes();
      try {
        MailIntake.Result result = intake.receive(raw, "smtp", envelopeSender, to);
        LOG.debug("mail from {} to {}: {}", context.getRemoteAddress(), to.address(), result);
        return null;
      } catch (RuntimeException e) {
        LOG.warn("mail to {} not stored: {}", to.address(), e.getMessage());
        throw new RejectException(451, "4.3.0 cannot store mail now; try again later");
      } catch (IOException e) {
        throw new RejectException(554, "5.6.0 unreadable message: " + e.getMessage());
      }
    }

    @Override
    public void done() {
      // Nothing held per transaction.
    }
  }
}
