package io.switchboard.server.embedded;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A local mail server for trying Switchboard without one (GreenMail): SMTP, which the outbox
 * sends replies to, and IMAP, where anyone reads what was sent by logging in as the recipient's
 * address with any password. Mail is kept in memory only. Started by {@code Main} when no SMTP
 * server is set and the database is embedded.
 *
 * <p>Thread-safe: start once, close once.
 */
public final class EmbeddedMailService implements AutoCloseable {
  private final GreenMail greenMail;

  private EmbeddedMailService(GreenMail greenMail) {
    this.greenMail = greenMail;
  }

  /** Starts SMTP and IMAP on {@code host}, each on a free port. */
  public static EmbeddedMailService start(String host) {
    GreenMail greenMail = new GreenMail(new ServerSetup[] {
        new ServerSetup(0, host, ServerSetup.PROTOCOL_SMTP).dynamicPort(),
        new ServerSetup(0, host, ServerSetup.PROTOCOL_IMAP).dynamicPort()});
    greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    greenMail.start();
    return new EmbeddedMailService(greenMail);
  }

  public int smtpPort() {
    return greenMail.getSmtp().getPort();
  }

  public int imapPort() {
    return greenMail.getImap().getPort();
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
