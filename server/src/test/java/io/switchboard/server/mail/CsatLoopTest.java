package io.switchboard.server.mail;

import static io.switchboard.server.mail.MailTesting.mail;
import static io.switchboard.server.mail.MailTesting.send;
import static io.switchboard.server.mail.MailTesting.ticket;
import static io.switchboard.server.testing.Tickets.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.OffsetClock;
import io.switchboard.server.testing.RawSocket;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.Tickets;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The satisfaction follow-up on two real nodes that share the stores, with GreenMail as the mail
 * server: a low chat rating opens exactly one complaint in the chat's queue (given twice, swept
 * by both nodes), which the supervisor finds in the Complaints view with the transcript linked;
 * a solved email ticket mails one rating request, threaded and in the requester's language, whose
 * signed link opens the rating page and stores the rating (a second replaces the first), a low
 * ticket rating submitted many times at once to both nodes opens one complaint, an altered or
 * expired link is refused with a page that says so, and no request goes to a no-reply address.
 */
class CsatLoopTest {
  private static final Pattern LINK = Pattern.compile("/v1/ticket-ratings/([A-Za-z0-9_.-]+)\\?lang=(\\S+)");
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static GreenMail greenMail;
  private static final OffsetClock CLOCK = new OffsetClock();
  private static TestNode nodeA;
  private static TestNode nodeB;
  private static Fixtures fixtures;
  private static String supervisor;
  private static String agent;
  private static String support;

  @BeforeAll
  static void start() throws Exception {
    greenMail = MailTesting.greenMail();
    nodeA = TestNode.start(MailTesting.nodeSettings(greenMail), CLOCK);
    nodeB = TestNode.start(MailTesting.nodeSettings(greenMail), CLOCK);
    fixtures = Fixtures.create(jdbi());
    String admin = MailTesting.admin(nodeA.http(), fixtures);
    supervisor = Http.agentToken(nodeA.http(), fixtures.addUser(Role.SUPERVISOR, 3));
    agent = Http.agentToken(nodeB.http(), fixtures.addAgent(3));
    support = MailTesting.supportAddress(nodeA.http(), admin, fixtures, null);
  }

  @AfterAll
  static void stop() {
    nodeA.close();
    nodeB.close();
    greenMail.stop();
  }

  @Test
  void aLowChatRatingOpensOneComplaintTheSupervisorSeesWithTheTranscript() throws Exception {
    String conversation = closedAndRated(1, "The agent never answered my question", 2);
    UUID complaintId = awaitComplaint(conversation);
    JsonNode complaint = Tickets.read(nodeA.http(), supervisor, complaintId.toString());
    assertThat(complaint.get("type").asText()).isEqualTo("complaint");
    assertThat(complaint.get("status").asText()).isEqualTo("new");
    assertThat(complaint.get("queue").asText()).isEqualTo(fixtures.queueId);
    assertThat(complaint.path("assignee").isMissingNode() || complaint.get("assignee").isNull())
        .as("unassigned").isTrue();
    assertThat(complaint.get("entries").get(0).get("body").asText())
        .isEqualTo("The agent never answered my question");
    assertThat(complaint.get("entries").get(0).get("kind").asText()).isEqualTo("customer");
    assertThat(complaint.get("links").get(0).get("conversationId").asText())
        .isEqualTo(conversation);
    assertThat(complaint.get("links").get(0).get("relation").asText()).isEqualTo("source");
    assertThat(complaint.get("history").get(0).get("kind").asText()).isEqualTo("created");
    assertThat(complaint.get("sla").get("clocks")).as("SLA clocks started").isNotEmpty();
    assertThat((Long) jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM conversations c"
            + " JOIN tickets t ON t.contact_id = c.contact_id WHERE c.id = :c AND t.id = :t")
        .bind("c", UUID.fromString(conversation)).bind("t", complaintId).mapTo(Long.class).one()))
        .as("the visitor is the requester").isEqualTo(1L);

    JsonNode view = expect(200, Http.get(nodeB.http(), "/v1/tickets?view=complaints&limit=200",
        supervisor));
    assertThat(view.get("tickets").findValuesAsText("id")).contains(complaintId.toString());
    assertThat(view.get("counts").get("complaints").asInt()).isPositive();
    assertThat(view.get("tickets").findValuesAsText("type")).containsOnly("complaint");

    // A later low rating gets its complaint; by then both nodes swept past the first rating's
    // repeat, and it still has one complaint.
    awaitComplaint(closedAndRated(2, null, 1));
    assertThat(complaintsLinkedTo(conversation)).isEqualTo(1);
    // A good rating opens nothing.
    String happy = closedAndRated(5, "Great", 1);
    awaitComplaint(closedAndRated(1, "Still bad", 1));
    assertThat(complaintsLinkedTo(happy)).isZero();
  }

  @Test
  void aSolvedEmailTicketMailsOneRatingRequestWhoseLinkStoresTheRating() throws Exception {
    String customer = "wang-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    String subject = "打印机无法连接 " + UUID.randomUUID().toString().substring(0, 6);
    String first = UUID.randomUUID() + "@client.example.org";
    send(nodeA.node().mail().smtpPort(), support, mail(first,
        MimeUtility.encodeText("王芳", "UTF-8", "B") + " <" + customer + ">", support,
        MimeUtility.encodeText(subject, "UTF-8", "B"), "打印机连不上网络，请帮忙。"));
    JsonNode ticket = ticket(nodeA.http(), agent, fixtures.queueId, subject);
    String id = ticket.get("id").asText();
    long number = ticket.get("number").asLong();
    expect(201, Tickets.call(nodeB.http(), agent, "POST", id, "/replies",
        "{\"text\":\"请重启路由器。\",\"status\":\"solved\"}"));

    List<MimeMessage> mails = awaitMailTo(customer, 2);
    MimeMessage request = mails.stream().filter(m -> body(m).contains("/v1/ticket-ratings/"))
        .findFirst().orElseThrow();
    assertThat(request.getSubject()).isEqualTo("Re: [#" + number + "] " + subject);
    assertThat(request.getHeader("In-Reply-To", null)).isEqualTo("<" + first + ">");
    assertThat(request.getHeader("References", null)).contains("<" + first + ">");
    assertThat(body(request)).contains("您的工单 #" + number).contains("已解决");
    Matcher link = LINK.matcher(body(request));
    assertThat(link.find()).isTrue();
    String token = link.group(1);
    assertThat(link.group(2)).isEqualTo("zh-CN");

    HttpResponse<String> page = page(nodeB.http(), token, "zh-CN");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("default-src 'none'");
    assertThat(page.body()).contains("lang=\"zh-CN\"").contains("#" + number)
        .contains("非常满意");

    JsonNode rated = expect(200, rate(nodeA.http(), token, 5, "很好"));
    assertThat(rated.get("ticketNumber").asLong()).isEqualTo(number);
    assertThat(rating(id)).isEqualTo("5:很好");
    // A second rating replaces the first; a low one opens one complaint, however often it
    // comes and on whichever node.
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Http.Reply>> replies = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        URI base = i % 2 == 0 ? nodeA.http() : nodeB.http();
        replies.add(pool.submit((Callable<Http.Reply>) () ->
            rate(base, token, 2, "修了两次还是不行")));
      }
      for (Future<Http.Reply> reply : replies) {
        assertThat(reply.get().status()).isEqualTo(200);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(rating(id)).isEqualTo("2:修了两次还是不行");
    UUID complaintId = awaitComplaint(id);
    assertThat((Long) jdbi().withHandle(h -> h.createQuery(
            "SELECT count(*) FROM csat_complaints WHERE rated_ticket = :t")
        .bind("t", UUID.fromString(id)).mapTo(Long.class).one())).isEqualTo(1L);
    JsonNode complaint = Tickets.read(nodeA.http(), supervisor, complaintId.toString());
    assertThat(complaint.get("type").asText()).isEqualTo("complaint");
    assertThat(complaint.get("entries").get(0).get("body").asText()).isEqualTo("修了两次还是不行");
    assertThat(complaint.get("history").findValuesAsText("kind")).contains("complaint_of");
    assertThat(Tickets.read(nodeA.http(), supervisor, id).get("history")
        .findValuesAsText("kind")).contains("complaint_opened");

    // Solving the complaint mails no rating request: that could loop.
    expect(201, Tickets.call(nodeA.http(), supervisor, "POST", complaintId.toString(),
        "/replies", "{\"text\":\"We are sorry.\",\"status\":\"solved\"}"));
    // Exactly one request for the ticket, however many sweeps both nodes ran.
    assertThat(requestsFor(UUID.fromString(id))).isEqualTo(1);

    // An altered link is refused with a page that says so, and so is its POST.
    String altered = token.substring(0, token.length() - 2)
        + (token.endsWith("AA") ? "BB" : "AA");
    HttpResponse<String> bad = page(nodeA.http(), altered, "en");
    assertThat(bad.statusCode()).isEqualTo(403);
    assertThat(bad.body()).contains("This link is not valid");
    assertThat(rate(nodeA.http(), altered, 4, null).status()).isEqualTo(403);

    // Past its expiry the link is refused too, and the rating stays as it was.
    CLOCK.advance(Duration.ofDays(15));
    HttpResponse<String> expired = page(nodeA.http(), token, "en");
    assertThat(expired.statusCode()).isEqualTo(410);
    assertThat(expired.body()).contains("This link has expired");
    assertThat(page(nodeA.http(), token, "zh-CN").body()).contains("此链接已过期");
    Http.Reply late = rate(nodeB.http(), token, 5, null);
    assertThat(late.status()).isEqualTo(403);
    assertThat(late.body().get("error").get("message").asText()).contains("expired");
    assertThat(rating(id)).isEqualTo("2:修了两次还是不行");
    assertThat(requestsFor(complaintId)).isZero();
  }

  @Test
  void noRatingRequestGoesToANoReplyAddress() throws Exception {
    String robot = "no-reply+" + UUID.randomUUID().toString().substring(0, 8) + "@shop.example";
    String subject = "Order shipped " + UUID.randomUUID();
    send(nodeA.node().mail().smtpPort(), support, mail(UUID.randomUUID() + "@shop.example",
        robot, support, subject, "Your order has shipped."));
    String id = ticket(nodeA.http(), agent, fixtures.queueId, subject).get("id").asText();
    Tickets.expect(200, Tickets.status(nodeA.http(), agent, id, "solved"));
    Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> jdbi().withHandle(h -> h
        .createQuery("SELECT state || ':' || COALESCE(last_error, '') FROM mail_outbox"
            + " WHERE ticket_id = :t AND kind = 'rating_request'")
        .bind("t", UUID.fromString(id)).mapTo(String.class).findOne()).isPresent());
    assertThat((String) jdbi().withHandle(h -> h.createQuery("SELECT state || ':' || last_error"
            + " FROM mail_outbox WHERE ticket_id = :t AND kind = 'rating_request'")
        .bind("t", UUID.fromString(id)).mapTo(String.class).one()))
        .isEqualTo("failed:not sent: no address a person reads");
    assertThat(Arrays.stream(greenMail.getReceivedMessages()).filter(m -> recipient(m)
        .equals(robot))).isEmpty();
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** A visitor's chat on node A, closed and rated {@code times} times the same way. */
  private static String closedAndRated(int score, String comment, int times) throws Exception {
    try (RawSocket visitor = RawSocket.connect(nodeA.ws(),
        Http.visitorToken(nodeA.http(), fixtures.siteKey))) {
      visitor.next("welcome");
      visitor.sendText("{\"type\":\"start\",\"id\":\"s\",\"queue\":\"" + fixtures.queueId
          + "\",\"fields\":{\"name\":\"Rated Visitor\"}}");
      String id = visitor.reply("started", "s")
          .replaceAll(".*\"conversationId\":\"([^\"]+)\".*", "$1");
      visitor.sendText("{\"type\":\"close\",\"id\":\"c\",\"conversationId\":\"" + id + "\"}");
      visitor.reply("ok", "c");
      for (int i = 0; i < times; i++) {
        visitor.sendText("{\"type\":\"rate\",\"id\":\"r" + i + "\",\"conversationId\":\"" + id
            + "\",\"score\":" + score + (comment == null ? "" : ",\"comment\":\"" + comment + "\"")
            + "}");
        visitor.reply("ok", "r" + i);
      }
      return id;
    }
  }

  private static UUID awaitComplaint(String ratedId) {
    return Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> jdbi().withHandle(h -> h
        .createQuery("SELECT ticket_id FROM csat_complaints"
            + " WHERE rated_conversation = :id OR rated_ticket = :id")
        .bind("id", UUID.fromString(ratedId)).mapTo(UUID.class).findOne()), found ->
        found.isPresent()).orElseThrow();
  }

  private static long complaintsLinkedTo(String conversation) {
    return jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM ticket_links l"
            + " JOIN tickets t ON t.id = l.ticket_id"
            + " WHERE l.conversation_id = :c AND t.type = 'complaint'")
        .bind("c", UUID.fromString(conversation)).mapTo(Long.class).one());
  }

  private static long requestsFor(UUID ticket) {
    return jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM mail_outbox"
            + " WHERE ticket_id = :t AND kind = 'rating_request'")
        .bind("t", ticket).mapTo(Long.class).one());
  }

  private static String rating(String ticket) {
    return jdbi().withHandle(h -> h.createQuery("SELECT score || ':' || COALESCE(comment, '')"
            + " FROM ticket_ratings WHERE ticket_id = :t")
        .bind("t", UUID.fromString(ticket)).mapTo(String.class).one());
  }

  private static Http.Reply rate(URI base, String token, int score, String comment)
      throws Exception {
    return Http.post(base, "/v1/ticket-ratings/" + token, "{\"score\":" + score
        + (comment == null ? "" : ",\"comment\":\"" + comment + "\"") + "}");
  }

  private static HttpResponse<String> page(URI base, String token, String lang)
      throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(base.resolve("/v1/ticket-ratings/" + token
        + "?lang=" + lang)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<MimeMessage> awaitMailTo(String recipient, int count) {
    return Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> Arrays.stream(
            greenMail.getReceivedMessages()).filter(m -> recipient(m).equals(recipient))
        .toList(), found -> found.size() == count);
  }

  private static String recipient(MimeMessage message) {
    try {
      return ((InternetAddress) message.getAllRecipients()[0]).getAddress();
    } catch (jakarta.mail.MessagingException e) {
      return "";
    }
  }

  private static String body(MimeMessage message) {
    try {
      return (String) message.getContent();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Jdbi jdbi() {
    return nodeA.node().database().jdbi();
  }
}
