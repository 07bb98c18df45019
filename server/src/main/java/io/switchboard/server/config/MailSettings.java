package io.switchboard.server.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * The mail settings: Switchboard's own SMTP listener for inbound mail, the SMTP server replies go
 * out through, how often the outbox and the IMAP mailboxes are worked, and whether a node without
 * an SMTP server starts an embedded one for trying things out.
 *
 * <p>Immutable and thread-safe.
 *
 * @param listenPort the SMTP listener's port (bound to {@code SWITCHBOARD_BIND}); -1: no
 *     listener, 0: any free port
 * @param maxMessageBytes larger mail is refused by the listener (and ignored from IMAP)
 * @param smtpHost where replies are sent; null: no SMTP server (the outbox waits)
 * @param smtpTls {@code none}, {@code starttls} (required) or {@code tls} (implicit TLS)
 * @param embedded with no {@code smtpHost}, start an embedded mail server (SMTP and IMAP) on
 *     local ports and send to it
 * @param outboxPeriod how often each node sends what the outbox has due
 * @param imapPollPeriod how often a mailbox without IDLE is polled, and how soon a mailbox that
 *     failed is tried again at first (doubling up to ten times that)
 */
public record MailSettings(int listenPort, int maxMessageBytes, String smtpHost, int smtpPort,
    String smtpUser, String smtpPassword, String smtpTls, boolean embedded,
    Duration outboxPeriod, Duration imapPollPeriod) {
  static final Set<String> KEYS = Set.of("SWITCHBOARD_SMTP_LISTEN_PORT",
      "SWITCHBOARD_SMTP_MAX_BYTES", "SWITCHBOARD_SMTP_HOST", "SWITCHBOARD_SMTP_PORT",
      "SWITCHBOARD_SMTP_USER", "SWITCHBOARD_SMTP_PASSWORD", "SWITCHBOARD_SMTP_TLS",
      "SWITCHBOARD_EMBEDDED_MAIL", "SWITCHBOARD_MAIL_OUTBOX_MS", "SWITCHBOARD_IMAP_POLL_SECONDS");
  private static final Set<String> TLS_MODES = Set.of("none", "starttls", "tls");

  static MailSettings load(Settings s) {
    String listen = s.text("SWITCHBOARD_SMTP_LISTEN_PORT", "off");
    int listenPort = listen.equalsIgnoreCase("off") ? -1 : s.port("SWITCHBOARD_SMTP_LISTEN_PORT");
    String host = s.text("SWITCHBOARD_SMTP_HOST", null);
    String tls = s.text("SWITCHBOARD_SMTP_TLS", "starttls").toLowerCase(Locale.ROOT);
    if (!TLS_MODES.contains(tls)) {
      s.problems().add("SWITCHBOARD_SMTP_TLS=" + tls + " must be none, starttls or tls");
    }
    String user = s.text("SWITCHBOARD_SMTP_USER", null);
    String password = s.text("SWITCHBOARD_SMTP_PASSWORD", null);
    if ((user == null) != (password == null)) {
      s.problems().add("SWITCHBOARD_SMTP_USER and SWITCHBOARD_SMTP_PASSWORD go together");
    }
    int port = s.integer("SWITCHBOARD_SMTP_PORT", tls.equals("tls") ? 465 : 587, 1, 65535);
    return new MailSettings(listenPort,
        s.integer("SWITCHBOARD_SMTP_MAX_BYTES", 25 * 1024 * 1024, 1024, 200 * 1024 * 1024),
        host, port, user, password, tls, s.bool("SWITCHBOARD_EMBEDDED_MAIL", true),
        Duration.ofMillis(s.integer("SWITCHBOARD_MAIL_OUTBOX_MS", 1000, 50, 600_000)),
        Duration.ofSeconds(s.integer("SWITCHBOARD_IMAP_POLL_SECONDS", 60, 1, 86_400)));
  }

  /** A node without an SMTP server that should start the embedded one. */
  public boolean wantsEmbedded() {
    return smtpHost == null && embedded;
  }

  /** The same settings sending through {@code host:port} without TLS or login (embedded). */
  public MailSettings sendingTo(String host, int port) {
    return new MailSettings(listenPort, maxMessageBytes, host, port, null, null, "none", embedded,
        outboxPeriod, imapPollPeriod);
  }
}
