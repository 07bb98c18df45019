package io.switchboard.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Tickets;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * What the mail tests share: a GreenMail server on local free ports, raw mail written as text,
 * sending it byte for byte to an SMTP server (the Message-ID kept), a support address made over
 * REST, and reading a queue's tickets.
 *
 * <p>Not thread-safe; for tests.
 */
final class MailTesting {
  private MailTesting() {}

  /** GreenMail with SMTP and IMAP on 127.0.0.1, each on a free port. */
  static GreenMail greenMail() {
    GreenMail greenMail = new GreenMail(new ServerSetup[] {
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()});
    greenMail.start();
    return greenMail;
  }

  /**
   * The settings of a test node that listens for mail on a free port and sends through
   * {@code greenMail}, its outbox looked at every 100 ms; {@code extra} are key, value pairs more.
   */
  static Map<String, String> nodeSettings(GreenMail greenMail, String... extra) {
    Map<String, String> settings = new HashMap<>(Map.of("SWITCHBOARD_SMTP_LISTEN_PORT", "0",
        "SWITCHBOARD_SMTP_HOST", "127.0.0.1",
        "SWITCHBOARD_SMTP_PORT", Integer.toString(greenMail.getSmtp().getPort()),
        "SWITCHBOARD_SMTP_TLS", "none", "SWITCHBOARD_MAIL_OUTBOX_MS", "100"));
    for (int i = 0; i + 1 < extra.length; i += 2) {
      settings.put(extra[i], extra[i + 1]);
    }
    return settings;
  }

  /** A plain-text mail; {@code headers} are extra header lines such as {@code Precedence: bulk}. */
  static String mail(String messageId, String from, String to, String subject, String body,
      String... headers) {
    StringBuilder raw = new StringBuilder();
    raw.append("From: ").append(from).append("\r\n");
    raw.append("To: ").append(to).append("\r\n");
    raw.append("Subject: ").append(subject).append("\r\n");
    if (messageId != null) {
      raw.append("Message-ID: <").append(messageId).append(">\r\n");
    }
    raw.append("Date: Sat, 5 Dec 2026 10:00:00 +0000\r\n");
    for (String header : headers) {
      raw.append(header).append("\r\n");
    }
    if (!String.join("\n", headers).contains("Content-Type")) {
      raw.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n");
      raw.append("Content-Transfer-Encoding: 8bit\r\n");
    }
    raw.append("\r\n").append(body.replace("\n", "\r\n")).append("\r\n");
    return raw.toString();
  }

  /** Sends {@code raw} as it is to {@code to} through the SMTP server on {@code port}. */
  static void send(int port, String to, String raw) throws MessagingException {
    Session session = Session.getInstance(new Properties());
    MimeMessage message = new MimeMessage(session,
        new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect("127.0.0.1", port, null, null);
      transport.sendMessage(message, new Address[] {new InternetAddress(to)});
    }
  }

  /** An admin of the fixtures' site, logged in. */
  static String admin(URI base, Fixtures fixtures) throws IOException, InterruptedException {
    return Http.agentToken(base, fixtures.addUser(Role.ADMIN, 3));
  }

  /** A new support address of the fixtures' site and queue, with a mailbox when {@code imap}. */
  static String supportAddress(URI base, String admin, Fixtures fixtures, String imap)
      throws IOException, InterruptedException {
    String address = "help-" + UUID.randomUUID().toString().substring(0, 8) + "@support.test";
    Tickets.expect(201, Http.call("POST", base, "/v1/admin/mail-addresses", admin,
        "{\"siteId\":\"" + fixtures.siteId + "\",\"address\":\"" + address
            + "\",\"queue\":\"" + fixtures.queueId + "\",\"displayName\":\"Test Support\""
            + (imap == null ? "" : ",\"imap\":" + imap) + "}"));
    return address;
  }

  /** The queue's tickets (as lists show them), oldest first. */
  static List<JsonNode> tickets(URI base, String token, String queue)
      throws IOException, InterruptedException {
    JsonNode list = Tickets.expect(200, Http.get(base,
        "/v1/tickets?queue=" + queue + "&limit=200", token)).get("tickets");
    List<JsonNode> all = new ArrayList<>();
    list.forEach(all::add);
    all.sort((a, b) -> Long.compare(a.get("number").asLong(), b.get("number").asLong()));
    return all;
  }

  /** The one ticket of the queue with this subject. */
  static JsonNode ticket(URI base, String token, String queue, String subject)
      throws IOException, InterruptedException {
    List<JsonNode> found = tickets(base, token, queue).stream()
        .filter(t -> t.get("subject").asText().equals(subject)).toList();
    assertThat(found).as("tickets with subject " + subject).hasSize(1);
    return Tickets.read(base, token, found.get(0).get("id").asText());
  }

  /** How many tickets of the queue have this subject. */
  static long count(URI base, String token, String queue, String subject)
      throws IOException, InterruptedException {
    return tickets(base, token, queue).stream()
        .filter(t -> t.get("subject").asText().equals(subject)).count();
  }
}
