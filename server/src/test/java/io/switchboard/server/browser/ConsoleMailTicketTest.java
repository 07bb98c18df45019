package io.switchboard.server.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.MutableClock;
import io.switchboard.server.testing.TestNode;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A ticket that came in by mail, in the console, on a node with its SMTP listener on and an
 * outbound SMTP server that is down at first: the entry says it came by email, its original (shown
 * and downloaded as .eml) and its sanitized HTML (in a sandboxed frame) open and close with
 * Escape, giving the focus back; an
 * agent's reply shows as queued with the mail server's answer, and as sent once GreenMail is up
 * and the back-off has passed on the node's clock. An auto-reply shows in the admin's ignored mail
 * with its reason. The ticket page with its mail in Chinese on a phone passes axe-core.
 */
class ConsoleMailTicketTest extends ConsoleTicketBrowserTest {
  private static MutableClock clock;
  private static int outboundPort;
  private static GreenMail greenMail;

  /** The base class's node, replaced by one that takes mail and sends it to a closed port. */
  @BeforeAll
  static void startMailNode() throws Exception {
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      outboundPort = free.getLocalPort();
    }
    clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    node.close();
    node = TestNode.start(Map.of("SWITCHBOARD_SMTP_LISTEN_PORT", "0",
        "SWITCHBOARD_SMTP_HOST", "127.0.0.1", "SWITCHBOARD_SMTP_PORT",
        Integer.toString(outboundPort), "SWITCHBOARD_SMTP_TLS", "none",
        "SWITCHBOARD_MAIL_OUTBOX_MS", "100"), clock);
    fixtures = Fixtures.create(node.node().database().jdbi());
  }

  @AfterAll
  static void stopGreenMail() {
    if (greenMail != null) {
      greenMail.stop();
    }
  }

  @Test
  void aMailTicketShowsItsMailAndItsReplysDelivery(TestInfo info) throws Exception {
    Fixtures.Agent admin = fixtures.addUser(Role.ADMIN, 3);
    String token = token(admin);
    String support = supportAddress(token);
    String subject = "Printer on fire " + UUID.randomUUID().toString().substring(0, 8);
    String messageId = UUID.randomUUID() + "@customer.test";
    deliver(support, htmlMail(messageId, support, subject));
    String bot = "robot-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.test";
    deliver(support, "From: " + bot + "\r\nTo: " + support + "\r\nSubject: Out of office\r\n"
        + "Auto-Submitted: auto-replied\r\nMessage-ID: <" + UUID.randomUUID() + "@customer.test>"
        + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nI am away.\r\n");
    String ticketId = ticketWithSubject(token, subject);
    typed.addAll(List.of(subject, "Ada Lovelace", "ada@example.com", support));

    Page page = signIn(admin, "en-US", 1280);
    go(page, "tickets/" + ticketId);
    Locator mailLine = page.locator(".entry-customer .entry-mail");
    assertThat(mailLine).containsText("By email from ada@example.com");

    // The original, as text; Escape closes it and the focus is back on its button.
    Locator original = mailLine.locator("[data-mail-action=original]");
    original.click();
    assertThat(page.locator("#mail-raw")).containsText("Subject: " + subject);
    assertThat(page.locator("#mail-raw")).containsText("<script>");
    Download download = page.waitForDownload(() -> page.locator("#mail-raw-download").click());
    assertThat(download.suggestedFilename()).endsWith(".eml");
    assertThat(new String(Files.readAllBytes(download.path()), StandardCharsets.UTF_8))
        .contains("Message-ID: <" + messageId + ">").contains("Subject: " + subject);
    page.keyboard().press("Escape");
    assertThat(page.locator("dialog")).hasCount(0);
    assertThat(original).isFocused();

    // The formatted mail: the server's sanitized HTML in a frame without scripts.
    Locator formatted = mailLine.locator("[data-mail-action=formatted]");
    formatted.click();
    Locator frame = page.locator("#mail-frame");
    assertThat(frame).hasAttribute("sandbox", "");
    FrameLocator inside = page.frameLocator("#mail-frame");
    assertThat(inside.locator("b")).hasText("on fire");
    assertThat(inside.locator("script")).hasCount(0);
    assertThat(frame.getAttribute("srcdoc")).doesNotContain("<script").doesNotContain("alert(");
    screenshot(page, info, "formatted");
    page.keyboard().press("Escape");
    assertThat(formatted).isFocused();

    // A reply while the mail server is down: queued, with the server's answer and the attempts.
    page.locator("#ticket-text").fill("We are on it.");
    page.locator("#ticket-send").click();
    Locator delivery = page.locator(".entry-reply .delivery[data-to=\"ada@example.com\"]");
    assertThat(delivery).hasAttribute("data-state", "queued");
    assertThat(delivery.locator(".delivery-error")).isVisible();
    assertThat(delivery.locator(".delivery-attempts")).containsText("Attempts: 1");
    screenshot(page, info, "queued");

    // The mail server comes up and the back-off passes: the reply goes out and shows as sent.
    greenMail = new GreenMail(new ServerSetup(outboundPort, "127.0.0.1",
        ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    clock.set(clock.instant().plus(Duration.ofSeconds(31)));
    assertThat(delivery).hasAttribute("data-state", "sent");
    assertThat(delivery.locator("time")).isVisible();
    assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage sent = greenMail.getReceivedMessages()[0];
    assertThat(((InternetAddress) sent.getAllRecipients()[0]).getAddress())
        .isEqualTo("ada@example.com");
    assertThat(sent.getHeader("In-Reply-To")[0]).isEqualTo("<" + messageId + ">");
    screenshot(page, info, "sent");

    // The auto-reply opened no ticket: the admin finds it among the ignored mail, with why.
    go(page, "admin/mail");
    assertThat(page.locator("#mail-ignored-table tr", new Page.LocatorOptions().setHasText(bot)))
        .containsText("Sent automatically");

    // The same ticket in Chinese on a phone.
    Page phone = signIn(admin, "zh-CN", 360);
    go(phone, "tickets/" + ticketId);
    assertThat(phone.locator(".entry-customer .entry-mail")).containsText("通过邮件");
    assertThat(phone.locator(".entry-reply .delivery")).hasAttribute("data-state", "sent");
    screenshot(phone, info, "zh-360");
    List<String> found = new ArrayList<>(problems(phone));
    found.addAll(english(phone, token, List.of("We are on it.", "Our printer is on fire.")));
    assertThat(found).as("axe findings, sideways scrolling or English").isEmpty();
  }

  private String supportAddress(String token) throws Exception {
    String address = "help-" + UUID.randomUUID().toString().substring(0, 8) + "@support.test";
    Http.Reply reply = Http.call("POST", node.http(), "/v1/admin/mail-addresses", token,
        "{\"siteId\":\"" + fixtures.siteId + "\",\"address\":\"" + address + "\",\"queue\":\""
            + fixtures.queueId + "\"}");
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(201);
    return address;
  }

  /** A mail with a text and an HTML part; the HTML has a script and a remote image. */
  private static String htmlMail(String messageId, String to, String subject) {
    return "From: Ada Lovelace <ada@example.com>\r\nTo: " + to + "\r\nSubject: " + subject
        + "\r\nMessage-ID: <" + messageId + ">\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
        + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nOur printer is on fire.\r\n"
        + "--b1\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n"
        + "<p>Our printer is <b>on fire</b>.</p><script>alert(1)</script>"
        + "<img src=\"https://tracker.example/pixel.png\" alt=\"\">\r\n--b1--\r\n";
  }

  /** Hands {@code raw} as it is to the node's SMTP listener, for {@code to}. */
  private static void deliver(String to, String raw) throws Exception {
    Session session = Session.getInstance(new Properties());
    MimeMessage message = new MimeMessage(session,
        new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect("127.0.0.1", node.node().mail().smtpPort(), null, null);
      transport.sendMessage(message, new Address[] {new InternetAddress(to)});
    }
  }

  /** The id of the fixtures' queue's ticket with this subject, once the mail has opened it. */
  private String ticketWithSubject(String token, String subject) {
    return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
      for (JsonNode ticket : Http.get(node.http(), "/v1/tickets?queue=" + fixtures.queueId
          + "&limit=200", token).body().path("tickets")) {
        if (ticket.path("subject").asText().equals(subject)) {
          return ticket.path("id").asText();
        }
      }
      return null;
    }, id -> id != null);
  }
}
