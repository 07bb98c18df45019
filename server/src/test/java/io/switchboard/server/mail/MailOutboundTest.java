package io.switchboard.server.mail;

import static io.switchboard.server.mail.MailTesting.mail;
import static io.switchboard.server.mail.MailTesting.send;
import static io.switchboard.server.mail.MailTesting.ticket;
import static io.switchboard.server.testing.Tickets.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.attachment.Uploads;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.Tickets;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replies out by mail, read back from GreenMail: an agent's public reply on an email ticket goes
 * out from the support address with the ticket number in the subject, our own Message-ID and
 * In-Reply-To/References threading the customer's mail, and its delivery state shows on the
 * entry; internal notes never go out; a web-form requester gets the reply by mail and their
 * answer by mail lands in the same ticket; so does a visitor whose chat became a ticket. Files
 * go both ways: a received mail's attachment and inline image become the entry's attachments (a
 * type the site does not allow stays only in the raw mail), and a reply's files go out attached.
 */
class MailOutboundTest {
  private static final byte[] PNG = Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
  private static final byte[] PDF = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"
      + "trailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
  private static GreenMail greenMail;
  private static TestNode node;
  private static Fixtures fixtures;
  private static String admin;
  private static String agent;
  private static String support;
  private static int smtp;

  @BeforeAll
  static void start() throws Exception {
    greenMail = MailTesting.greenMail();
    node = TestNode.start(MailTesting.nodeSettings(greenMail));
    fixtures = Fixtures.create(node.node().database().jdbi());
    admin = MailTesting.admin(node.http(), fixtures);
    agent = Http.agentToken(node.http(), fixtures.addAgent(3));
    support = MailTesting.supportAddress(node.http(), admin, fixtures, null);
    smtp = node.node().mail().smtpPort();
  }

  @AfterAll
  static void stop() {
    node.close();
    greenMail.stop();
  }

  @Test
  void aPublicReplyGoesOutThreadedFromTheSupportAddressAndNotesStayInside() throws Exception {
    String customer = "kim-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    String subject = "Broken login " + UUID.randomUUID();
    String first = UUID.randomUUID() + "@client.example.org";
    send(smtp, support, mail(first, "Kim <" + customer + ">", support, subject, "Cannot log in."));
    JsonNode ticket = ticket(node.http(), agent, fixtures.queueId, subject);
    String id = ticket.get("id").asText();
    long number = ticket.get("number").asLong();

    expect(201, Tickets.call(node.http(), agent, "POST", id, "/notes",
        "{\"text\":\"internal only\"}"));
    JsonNode reply = expect(201, Tickets.call(node.http(), agent, "POST", id, "/replies",
        "{\"text\":\"Please reset your password.\"}"));
    assertThat(reply.get("entry").get("delivery").get(0).get("to").asText()).isEqualTo(customer);

    MimeMessage sent = awaitMailTo(customer, 1).get(0);
    assertThat(sent.getFrom()[0].toString()).contains(support).contains("Test Support");
    assertThat(sent.getSubject()).isEqualTo("Re: [#" + number + "] " + subject);
    assertThat(sent.getHeader("In-Reply-To", null)).isEqualTo("<" + first + ">");
    assertThat(sent.getHeader("References", null)).contains("<" + first + ">");
    assertThat(sent.getMessageID()).endsWith("@support.test>");
    assertThat(((String) sent.getContent())).contains("Please reset your password.")
        .doesNotContain("internal only");

    JsonNode entries = Tickets.read(node.http(), agent, id).get("entries");
    JsonNode delivery = entries.get(2).get("delivery").get(0);
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        Tickets.read(node.http(), agent, id).get("entries").get(2).get("delivery").get(0)
            .get("state").asText()).isEqualTo("sent"));
    JsonNode done = Tickets.read(node.http(), agent, id).get("entries").get(2).get("delivery")
        .get(0);
    assertThat(done.get("attempts").asInt()).isEqualTo(1);
    assertThat(done.get("sentAt")).isNotNull();
    assertThat(done.get("messageId").asText()).isEqualTo(sent.getMessageID().replaceAll("[<>]", ""));
    assertThat(delivery.get("to").asText()).isEqualTo(customer);
    assertThat(entries.get(1).has("delivery")).as("a note has no delivery").isFalse();

    // Answering our mail threads by our Message-ID into the same ticket.
    send(smtp, support, mail(UUID.randomUUID() + "@client.example.org", customer, support,
        "Re: " + subject, "Done, thanks!\n\n> Please reset your password.",
        "In-Reply-To: " + sent.getMessageID(), "References: <" + first + "> "
            + sent.getMessageID()));
    JsonNode answered = Tickets.read(node.http(), agent, id);
    assertThat(answered.get("entries")).hasSize(4);
    assertThat(answered.get("entries").get(3).get("body").asText()).isEqualTo("Done, thanks!");
  }

  @Test
  void aWebFormRequesterGetsTheReplyByMailAndAnswersIntoTheSameTicket() throws Exception {
    String customer = "lee-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    String visitor = Http.visitorToken(node.http(), fixtures.siteKey);
    JsonNode created = expect(201, Http.call("POST", node.http(), "/v1/tickets", visitor,
        "{\"name\":\"Lee\",\"email\":\"" + customer + "\",\"message\":\"Where is my order?\"}"));
    String id = created.get("ticketId").asText();
    long number = created.get("number").asLong();
    expect(201, Tickets.call(node.http(), agent, "POST", id, "/replies",
        "{\"text\":\"It ships tomorrow.\",\"status\":\"pending\"}"));

    MimeMessage sent = awaitMailTo(customer, 1).get(0);
    assertThat(sent.getSubject()).isEqualTo("Re: [#" + number + "] Where is my order?");
    assertThat(sent.getHeader("In-Reply-To")).as("nothing came by mail before").isNull();

    send(smtp, support, mail(UUID.randomUUID() + "@client.example.org", "Lee <" + customer + ">",
        support, "Re: " + sent.getSubject(), "Great, thank you.\n\n在 2026年12月5日 10:00，"
            + "Test Support 写道：\n> It ships tomorrow.", "In-Reply-To: " + sent.getMessageID()));
    JsonNode ticket = Tickets.read(node.http(), agent, id);
    assertThat(ticket.get("channel").asText()).isEqualTo("web_form");
    assertThat(ticket.get("status").asText()).isEqualTo("open");
    JsonNode last = ticket.get("entries").get(ticket.get("entries").size() - 1);
    assertThat(last.get("kind").asText()).isEqualTo("customer");
    assertThat(last.get("body").asText()).isEqualTo("Great, thank you.");
  }

  @Test
  void aChatTurnedIntoATicketMailsTheAgentsReplyToTheVisitorsEmail() throws Exception {
    String customer = "lena-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    Fixtures.Agent account = fixtures.addAgent(2);
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        Participant staff = Participant.agent(node.http(), node.ws(), account)) {
      String chat = visitor.client().start(fixtures.queueId,
          Map.of("name", "Lena", "email", customer)).get().conversationId();
      staff.client().setStatus("online").get();
      staff.await(ServerMessage.Assigned.class);
      staff.client().accept(chat).get();
      String token = Http.agentToken(node.http(), account);
      String id = expect(201, Http.call("POST", node.http(), "/v1/conversations/" + chat
          + "/ticket", token, "{\"subject\":\"Follow up on the chat\",\"note\":\"VIP\"}"))
          .get("id").asText();
      expect(201, Tickets.call(node.http(), token, "POST", id, "/replies",
          "{\"text\":\"As promised in the chat: done.\"}"));
      MimeMessage sent = awaitMailTo(customer, 1).get(0);
      assertThat(sent.getSubject()).endsWith("] Follow up on the chat");
      assertThat((String) sent.getContent()).contains("As promised in the chat: done.")
          .doesNotContain("VIP");
    }
  }

  private static List<MimeMessage> awaitMailTo(String recipient, int count) {
    return Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> Arrays.stream(
            greenMail.getReceivedMessages())
        .filter(m -> {
          try {
            return ((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress()
                .equals(recipient);
          } catch (jakarta.mail.MessagingException e) {
            return false;
          }
        }).toList(), found -> found.size() == count);
  }

  @Test
  void aMailsFilesBecomeTheEntrysAttachmentsAndAReplysFilesGoOutWithIt() throws Exception {
    String customer = "ana-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    String subject = "Screen is broken " + UUID.randomUUID();
    send(smtp, support, withFiles(customer, subject));
    JsonNode ticket = ticket(node.http(), agent, fixtures.queueId, subject);
    JsonNode first = ticket.get("entries").get(0);
    assertThat(first.get("body").asText()).contains("See the screenshot.");
    // The PNG and the inline image are kept; the HTML file is not on the site's list.
    JsonNode files = first.get("attachments");
    assertThat(files).hasSize(2);
    assertThat(files.get(0).get("name").asText()).isEqualTo("screen.png");
    assertThat(files.get(0).get("contentType").asText()).isEqualTo("image/png");
    assertThat(files.get(1).get("name").asText()).isEqualTo("inline-image.png");
    assertThat(Uploads.download(node.http(), files.get(0).get("url").asText()).body())
        .isEqualTo(PNG);

    String id = ticket.get("id").asText();
    String upload = Uploads.upload(node.http(), agent, "invoice.pdf", PDF).body().get("id")
        .asText();
    expect(201, Tickets.call(node.http(), agent, "POST", id, "/replies",
        "{\"text\":\"Here is the invoice.\",\"attachments\":[\"" + upload + "\"]}"));
    MimeMessage sent = awaitMailTo(customer, 1).get(0);
    Multipart parts = (Multipart) sent.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat((String) parts.getBodyPart(0).getContent()).contains("Here is the invoice.");
    BodyPart file = parts.getBodyPart(1);
    assertThat(file.getDisposition()).isEqualTo(Part.ATTACHMENT);
    assertThat(file.getFileName()).isEqualTo("invoice.pdf");
    assertThat(file.getContentType()).startsWith("application/pdf");
    assertThat(file.getInputStream().readAllBytes()).isEqualTo(PDF);
  }

  /** A multipart mail: text, a PNG attachment, an inline PNG without a name, an HTML file. */
  private static String withFiles(String from, String subject) {
    String png = Base64.getMimeEncoder().encodeToString(PNG);
    String html = Base64.getMimeEncoder().encodeToString(
        "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
    return "From: " + from + "\r\nTo: " + support + "\r\nSubject: " + subject
        + "\r\nMessage-ID: <" + UUID.randomUUID() + "@client.example.org>\r\n"
        + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
        + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nSee the screenshot.\r\n"
        + "--b1\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
        + "Content-Disposition: attachment; filename=\"screen.png\"\r\n\r\n" + png + "\r\n"
        + "--b1\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
        + "Content-ID: <logo1>\r\nContent-Disposition: inline\r\n\r\n" + png + "\r\n"
        + "--b1\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n"
        + "Content-Disposition: attachment; filename=\"page.html\"\r\n\r\n" + html + "\r\n"
        + "--b1--\r\n";
  }
}
