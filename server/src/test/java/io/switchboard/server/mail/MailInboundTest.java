package io.switchboard.server.mail;

import static io.switchboard.server.mail.MailTesting.count;
import static io.switchboard.server.mail.MailTesting.mail;
import static io.switchboard.server.mail.MailTesting.send;
import static io.switchboard.server.mail.MailTesting.ticket;
import static io.switchboard.server.testing.Tickets.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import io.switchboard.server.store.mail.MailAddress;
import io.switchboard.server.store.mail.MailAddressDao;
import io.switchboard.server.store.mail.MailMessageDao;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.Tickets;
import jakarta.mail.SendFailedException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mail into tickets through Switchboard's own SMTP listener, on a real node with the test
 * PostgreSQL and Redis and GreenMail as the outbound SMTP server: a new mail opens an email ticket,
 * unknown recipients are refused, replies thread by headers and by the number in the subject
 * (quotes cut), HTML is sanitized, automatic mail is ignored, a mail delivered twice is stored
 * once, a closed ticket gets a linked follow-up, the raw mail is kept for staff, mail left
 * unthreaded is threaded by the sweep, and IMAP mailboxes are polled.
 */
class MailInboundTest {
  private static GreenMail greenMail;
  private static TestNode node;
  private static Fixtures fixtures;
  private static String admin;
  private static String support;
  private static int smtp;

  @BeforeAll
  static void start() throws Exception {
    greenMail = MailTesting.greenMail();
    node = TestNode.start(MailTesting.nodeSettings(greenMail,
        "SWITCHBOARD_IMAP_POLL_SECONDS", "1"));
    fixtures = Fixtures.create(node.node().database().jdbi());
    admin = MailTesting.admin(node.http(), fixtures);
    support = MailTesting.supportAddress(node.http(), admin, fixtures, null);
    smtp = node.node().mail().smtpPort();
  }

  @AfterAll
  static void stop() {
    node.close();
    greenMail.stop();
  }

  @Test
  void aNewMailOpensAnEmailTicketForTheSender() throws Exception {
    String subject = "Printer on fire " + UUID.randomUUID();
    send(smtp, support, mail(id(), "Ada Lovelace <Ada@Example.com>", support, subject,
        "It smokes.\nPlease help."));
    JsonNode ticket = ticket(node.http(), admin, fixtures.queueId, subject);
    assertThat(ticket.get("channel").asText()).isEqualTo("email");
    assertThat(ticket.get("queue").asText()).isEqualTo(fixtures.queueId);
    assertThat(ticket.get("requester").get("email").asText()).isEqualTo("ada@example.com");
    assertThat(ticket.get("requester").get("name").asText()).isEqualTo("Ada Lovelace");
    JsonNode first = ticket.get("entries").get(0);
    assertThat(first.get("kind").asText()).isEqualTo("customer");
    assertThat(first.get("body").asText()).isEqualTo("It smokes.\nPlease help.");
    assertThat(first.get("mail").get("from").asText()).isEqualTo("ada@example.com");
  }

  @Test
  void mailForAnUnknownAddressIsRefusedAtRcpt() {
    assertThatThrownBy(() -> send(smtp, "nobody@support.test",
        mail(id(), "ada@example.com", "nobody@support.test", "Hello", "Anyone?")))
        .isInstanceOf(SendFailedException.class)
        .hasStackTraceContaining("550 5.1.1 <nobody@support.test>: no such support address");
  }

  @Test
  void repliesThreadByHeadersThenBySubjectNumberAndLoseTheirQuotes() throws Exception {
    String subject = "Invoice wrong " + UUID.randomUUID();
    String first = id();
    send(smtp, support, mail(first, "bob@example.com", support, subject, "Invoice 42 is wrong."));
    JsonNode ticket = ticket(node.http(), admin, fixtures.queueId, subject);
    String ticketId = ticket.get("id").asText();
    long number = ticket.get("number").asLong();
    expect(200, Tickets.status(node.http(), admin, ticketId, "pending"));

    send(smtp, support, mail(id(), "Bob <bob@example.com>", support, "Re: " + subject,
        "Here is the PDF.\n\nOn Sat, 5 Dec 2026 at 10:00, Support <" + support + "> wrote:\n"
            + "> Which invoice?\n> Thanks",
        "In-Reply-To: <" + first + ">", "References: <" + first + ">"));
    JsonNode threaded = Tickets.read(node.http(), admin, ticketId);
    assertThat(threaded.get("status").asText()).as("a customer reply reopens").isEqualTo("open");
    assertThat(threaded.get("entries")).hasSize(2);
    assertThat(threaded.get("entries").get(1).get("body").asText()).isEqualTo("Here is the PDF.");

    send(smtp, support, mail(id(), "bob@example.com", support, "Re: [#" + number + "] other words",
        "One more thing.\n-- \nBob\nACME Corp"));
    JsonNode bySubject = Tickets.read(node.http(), admin, ticketId);
    assertThat(bySubject.get("entries")).hasSize(3);
    assertThat(bySubject.get("entries").get(2).get("body").asText()).isEqualTo("One more thing.");

    // The same number from someone else is not their ticket: it opens a new one.
    String stranger = "Re: [#" + number + "] " + subject;
    send(smtp, support, mail(id(), "eve@example.com", support, stranger, "Let me in"));
    assertThat(count(node.http(), admin, fixtures.queueId, stranger)).isEqualTo(1);
    assertThat(Tickets.read(node.http(), admin, ticketId).get("entries")).hasSize(3);
  }

  @Test
  void htmlMailIsSanitizedAndItsTextIsTheThread() throws Exception {
    String subject = "HTML " + UUID.randomUUID();
    String html = "<html><body><p>Hello <b>team</b>,</p><script>alert('x')</script>"
        + "<p onclick=\"steal()\">See <a href=\"javascript:evil()\">this</a> and "
        + "<a href=\"https://example.com/a\">that</a>.</p><img src=\"https://t.example/px.gif\">"
        + "</body></html>";
    send(smtp, support, mail(id(), "carol@example.com", support, subject, html,
        "MIME-Version: 1.0", "Content-Type: text/html; charset=UTF-8"));
    JsonNode ticket = ticket(node.http(), admin, fixtures.queueId, subject);
    assertThat(ticket.get("entries").get(0).get("body").asText())
        .isEqualTo("Hello team,\nSee this and that.");
    JsonNode mails = expect(200, Http.get(node.http(),
        "/v1/tickets/" + ticket.get("id").asText() + "/mail", admin));
    String clean = mails.get(0).get("html").asText();
    assertThat(clean).contains("<b>team</b>").contains("href=\"https://example.com/a\"")
        .contains("rel=\"nofollow noopener noreferrer\"")
        .doesNotContain("script").doesNotContain("alert").doesNotContain("onclick")
        .doesNotContain("javascript").doesNotContain("<img");
  }

  @Test
  void autoRepliesBouncesAndBulkMailNeverOpenTickets() throws Exception {
    String tag = UUID.randomUUID().toString();
    send(smtp, support, mail(id(), "dave@example.com", support, "Out of office " + tag,
        "I am away.", "Auto-Submitted: auto-replied"));
    send(smtp, support, mail(id(), "erin@example.com", support, "Vacation " + tag,
        "Away.", "X-Autoreply: yes"));
    send(smtp, support, mail(id(), "news@example.com", support, "Newsletter " + tag,
        "Deals!", "Precedence: bulk"));
    send(smtp, support, mail(id(), "list@example.com", support, "List " + tag,
        "Digest", "List-Id: <users.example.com>"));
    send(smtp, support, mail(id(), "MAILER-DAEMON@mx.example.com", support,
        "Undelivered Mail Returned to Sender " + tag, "--b1\r\nContent-Type: text/plain\r\n\r\n"
            + "Delivery failed.\r\n--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
            + "Status: 5.1.1\r\n--b1--",
        "MIME-Version: 1.0", "Content-Type: multipart/report; report-type=delivery-status;"
            + " boundary=\"b1\""));
    send(smtp, support, mail(id(), support, support, "From ourselves " + tag, "Loop?"));
    assertThat(MailTesting.tickets(node.http(), admin, fixtures.queueId))
        .noneMatch(t -> t.get("subject").asText().endsWith(tag));
    JsonNode ignored = expect(200, Http.get(node.http(), "/v1/admin/mail-ignored?limit=500",
        admin));
    java.util.Map<String, String> reasons = new java.util.HashMap<>();
    ignored.forEach(m -> {
      if (m.get("subject").asText().endsWith(tag)) {
        reasons.put(m.get("subject").asText().replace(" " + tag, ""), m.get("reason").asText());
      }
    });
    assertThat(reasons).containsEntry("Out of office", "auto_submitted")
        .containsEntry("Vacation", "auto_reply").containsEntry("Newsletter", "precedence_bulk")
        .containsEntry("List", "mailing_list")
        .containsEntry("Undelivered Mail Returned to Sender", "delivery_report")
        .containsEntry("From ourselves", "own_address");
  }

  @Test
  void theSameMailDeliveredTwiceIsStoredOnce() throws Exception {
    String subject = "Twice " + UUID.randomUUID();
    String raw = mail(id(), "frank@example.com", support, subject, "Once, please.");
    send(smtp, support, raw);
    send(smtp, support, raw);
    JsonNode ticket = ticket(node.http(), admin, fixtures.queueId, subject);
    assertThat(ticket.get("entries")).hasSize(1);
    assertThat(expect(200, Http.get(node.http(), "/v1/tickets/" + ticket.get("id").asText()
        + "/mail", admin))).hasSize(1);
  }

  @Test
  void aReplyToAClosedTicketOpensAFollowUpLinkedToIt() throws Exception {
    String subject = "Closed case " + UUID.randomUUID();
    String first = id();
    send(smtp, support, mail(first, "gina@example.com", support, subject, "First question."));
    String oldId = ticket(node.http(), admin, fixtures.queueId, subject).get("id").asText();
    expect(200, Tickets.status(node.http(), admin, oldId, "solved"));
    expect(200, Tickets.status(node.http(), admin, oldId, "closed"));
    send(smtp, support, mail(id(), "gina@example.com", support, "Re: " + subject,
        "It is back.\n\nOn Sat, Support wrote:\n> Solved", "In-Reply-To: <" + first + ">"));
    JsonNode followUp = ticket(node.http(), admin, fixtures.queueId, "Re: " + subject);
    assertThat(followUp.get("id").asText()).isNotEqualTo(oldId);
    assertThat(followUp.get("entries").get(0).get("body").asText()).isEqualTo("It is back.");
    assertThat(followUp.get("history").toString()).contains("follow_up_of").contains(oldId);
    assertThat(Tickets.read(node.http(), admin, oldId).get("history").toString())
        .contains("followed_up").contains(followUp.get("id").asText());
  }

  @Test
  void theRawMailIsKeptAndOnlyStaffWhoMayReadTheTicketGetIt() throws Exception {
    String subject = "Raw " + UUID.randomUUID();
    String raw = mail(id(), "hal@example.com", support, subject, "Keep me whole.",
        "X-Custom: kept");
    send(smtp, support, raw);
    JsonNode ticket = ticket(node.http(), admin, fixtures.queueId, subject);
    long mailId = ticket.get("entries").get(0).get("mail").get("mailId").asLong();
    String path = "/v1/tickets/" + ticket.get("id").asText() + "/mail/" + mailId + "/raw";
    HttpResponse<String> reply = rawGet(path, admin);
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Content-Type")).hasValue("message/rfc822");
    assertThat(reply.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(reply.body()).contains("X-Custom: kept").contains("Keep me whole.");

    Fixtures other = Fixtures.create(node.node().database().jdbi());
    String outsider = Http.agentToken(node.http(), other.addAgent(3));
    assertThat(rawGet(path, outsider).statusCode()).isEqualTo(404);
    assertThat(rawGet(path, null).statusCode()).isEqualTo(401);
  }

  @Test
  void anImapMailboxIsPolledAndItsMailMarkedSeen() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    GreenMailUser box = greenMail.setUser("box-" + suffix + "@support.test", "box-" + suffix,
        "mailbox-password");
    String subject = "By IMAP " + suffix;
    String bySmtp = id();
    send(smtp, support, mail(bySmtp, "ivy@example.com", support, "Both ways " + suffix, "Hi"));
    String imap = "{\"host\":\"127.0.0.1\",\"port\":" + greenMail.getImap().getPort()
        + ",\"tls\":false,\"user\":\"box-" + suffix + "\",\"password\":\"mailbox-password\"}";
    String address = MailTesting.supportAddress(node.http(), admin, fixtures, imap);
    JsonNode listed = expect(200, Http.get(node.http(), "/v1/admin/mail-addresses", admin));
    JsonNode mine = java.util.stream.StreamSupport.stream(listed.spliterator(), false)
        .filter(a -> a.get("address").asText().equals(address)).findFirst().orElseThrow();
    assertThat(mine.get("imap").get("passwordSet").asBoolean()).isTrue();
    assertThat(mine.toString()).doesNotContain("mailbox-password");

    box.deliver(message(mail(id(), "Ivy <ivy@example.com>", address, subject, "Polled in.")));
    // The mail that came by SMTP arrives in the mailbox too: it is stored once.
    box.deliver(message(mail(bySmtp, "ivy@example.com", support, "Both ways " + suffix, "Hi")));
    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(count(node.http(), admin, fixtures.queueId, subject)).isEqualTo(1));
    JsonNode ticket = ticket(node.http(), admin, fixtures.queueId, subject);
    assertThat(ticket.get("entries").get(0).get("body").asText()).isEqualTo("Polled in.");
    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(unseen(box)).isZero());
    assertThat(count(node.http(), admin, fixtures.queueId, "Both ways " + suffix)).isEqualTo(1);
    expect(204, Http.call("DELETE", node.http(), "/v1/admin/mail-addresses/"
        + mine.get("id").asText(), admin, null));
  }

  @Test
  void processedMailIsMovedToTheProcessedFolderWhenOneIsNamed() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    GreenMailUser box = greenMail.setUser("moved-" + suffix + "@support.test", "moved-" + suffix,
        "mailbox-password");
    String imap = "{\"host\":\"127.0.0.1\",\"port\":" + greenMail.getImap().getPort()
        + ",\"tls\":false,\"user\":\"moved-" + suffix + "\",\"password\":\"mailbox-password\","
        + "\"processedFolder\":\"Processed\"}";
    String address = MailTesting.supportAddress(node.http(), admin, fixtures, imap);
    String subject = "Moved " + suffix;
    box.deliver(message(mail(id(), "jo@example.com", address, subject, "Move me.")));
    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(count(node.http(), admin, fixtures.queueId, subject)).isEqualTo(1));
    var folders = greenMail.getManagers().getImapHostManager();
    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(folders.getInbox(box).getMessageCount()).isZero();
      assertThat(folders.getFolder(box, "Processed").getMessageCount()).isEqualTo(1);
    });
    JsonNode listed = expect(200, Http.get(node.http(), "/v1/admin/mail-addresses", admin));
    String id = java.util.stream.StreamSupport.stream(listed.spliterator(), false)
        .filter(a -> a.get("address").asText().equals(address)).findFirst().orElseThrow()
        .get("id").asText();
    expect(204, Http.call("DELETE", node.http(), "/v1/admin/mail-addresses/" + id, admin, null));
  }

  @Test
  void mailStoredButNeverThreadedIsThreadedByTheSweep() throws Exception {
    // As a node leaves it when it dies between storing a mail and threading it.
    String subject = "Left over " + UUID.randomUUID();
    String messageId = id();
    String raw = mail(messageId, "kay@example.com", support, subject, "Still here?");
    MailAddress address = new MailAddressDao(node.node().database().jdbi()).byAddress(support)
        .orElseThrow();
    new MailMessageDao(node.node().database().jdbi()).store(new MailMessageDao.Arrived(
        messageId, "smtp", address.id(),
        address.siteId(), "kay@example.com", support, subject,
        raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        java.time.Instant.now().minus(Duration.ofMinutes(2)));
    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(count(node.http(), admin, fixtures.queueId, subject)).isEqualTo(1));
    assertThat(ticket(node.http(), admin, fixtures.queueId, subject).get("entries").get(0)
        .get("body").asText()).isEqualTo("Still here?");
  }

  private static long unseen(GreenMailUser user) throws Exception {
    return greenMail.getManagers().getImapHostManager().getInbox(user).getMessages().stream()
        .filter(m -> !m.isSet(jakarta.mail.Flags.Flag.SEEN)).count();
  }

  private static jakarta.mail.internet.MimeMessage message(String raw) throws Exception {
    return new jakarta.mail.internet.MimeMessage(
        jakarta.mail.Session.getInstance(new java.util.Properties()),
        new java.io.ByteArrayInputStream(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static HttpResponse<String> rawGet(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.http() + path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String id() {
    return UUID.randomUUID() + "@client.example.com";
  }
}
