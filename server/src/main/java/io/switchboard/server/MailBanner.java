package io.switchboard.server;

import io.switchboard.server.config.ServerConfig;
import io.switchboard.server.embedded.EmbeddedMailService;
import io.switchboard.server.store.mail.MailAddress;
import io.switchboard.server.store.mail.MailAddressDao;
import java.io.PrintStream;
import java.util.List;

/**
 * The mail part of the start banner: where mail comes in (the SMTP listener and the support
 * addresses), and where replies go out (the SMTP server, or the embedded one with its IMAP port
 * for reading what was sent).
 *
 * <p>Stateless and thread-safe.
 */
final class MailBanner {
  private MailBanner() {}

  static void print(PrintStream out, ServerConfig config, SwitchboardNode node,
      EmbeddedMailService embedded) {
    String host = config.bindHost().equals("0.0.0.0") ? "localhost" : config.bindHost();
    List<String> addresses = new MailAddressDao(node.database().jdbi()).all().stream()
        .map(MailAddress::address).toList();
    out.println("Email:");
    int listen = node.mail().smtpPort();
    out.println("  Mail in (SMTP):    " + (listen < 0 ? "off (set SWITCHBOARD_SMTP_LISTEN_PORT)"
        : "smtp://" + host + ":" + listen + " (no login; mail to a support address becomes a ticket)"));
    out.println("  Support addresses: " + (addresses.isEmpty()
        ? "none yet (POST /v1/admin/mail-addresses)" : String.join(", ", addresses)));
    if (embedded != null) {
      out.println("  Mail out:          embedded mail server, SMTP " + host + ":"
          + embedded.smtpPort());
      out.println("  Read sent mail:    imap://" + host + ":" + embedded.imapPort()
          + " (no TLS; log in as the recipient's address, any password)");
    } else if (config.mail().smtpHost() != null) {
      out.println("  Mail out:          SMTP " + config.mail().smtpHost() + ":"
          + config.mail().smtpPort() + " (" + config.mail().smtpTls() + ")");
    } else {
      out.println("  Mail out:          no SMTP server (set SWITCHBOARD_SMTP_HOST); replies wait"
          + " in the outbox");
    }
    out.println();
    out.flush();
  }
}
