package io.switchboard.server.mail;

import static io.switchboard.server.testing.Tickets.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.MutableClock;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.Tickets;
import io.switchboard.server.util.CycleCount;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The outbox while the SMTP server is down: the first attempt fails and is recorded with the
 * error; the node restarts (the row survives in PostgreSQL); with the server up nothing is sent
 * before the back-off has passed on the node's clock; once the clock moves past it the reply is
 * sent exactly once, however many cycles follow.
 */
class MailOutboxRetryTest {
  @Test
  void aReplyQueuedWhileSmtpIsDownIsSentExactlyOnceAfterRestartAndBackOff() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    Map<String, String> settings = Map.of("SWITCHBOARD_SMTP_HOST", "127.0.0.1",
        "SWITCHBOARD_SMTP_PORT", Integer.toString(port), "SWITCHBOARD_SMTP_TLS", "none",
        "SWITCHBOARD_MAIL_OUTBOX_MS", "100");
    String customer = "mo-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    String admin;
    String id;
    try (TestNode first = TestNode.start(settings, clock)) {
      Fixtures fixtures = Fixtures.create(first.node().database().jdbi());
      admin = MailTesting.admin(first.http(), fixtures);
      MailTesting.supportAddress(first.http(), admin, fixtures, null);
      String visitor = Http.visitorToken(first.http(), fixtures.siteKey);
      id = expect(201, Http.call("POST", first.http(), "/v1/tickets", visitor,
          "{\"name\":\"Mo\",\"email\":\"" + customer + "\",\"message\":\"Refund?\"}"))
          .get("ticketId").asText();
      expect(201, Tickets.call(first.http(), admin, "POST", id, "/replies",
          "{\"text\":\"Refunded.\"}"));
      Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        JsonNode delivery = delivery(first, admin, id);
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("state").asText()).isEqualTo("queued");
        assertThat(delivery.get("error").asText()).isNotBlank();
        assertThat(Instant.parse(delivery.get("nextAttemptAt").asText()))
            .isEqualTo(clock.instant().plus(OutboxSender.backOff(1)));
      });
    }

    GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1",
        ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    try (TestNode second = TestNode.start(settings, clock)) {
      CycleCount cycles = second.node().mail().outboxCycles();
      awaitCycles(cycles, 3);
      assertThat(greenMail.getReceivedMessages()).as("not before the back-off").isEmpty();
      assertThat(delivery(second, admin, id).get("state").asText()).isEqualTo("queued");

      clock.set(clock.instant().plus(OutboxSender.backOff(1)).plusSeconds(1));
      Awaitility.await().atMost(Duration.ofSeconds(20))
          .until(() -> greenMail.getReceivedMessages().length == 1);
      awaitCycles(cycles, 3);
      assertThat(greenMail.getReceivedMessages()).hasSize(1);
      assertThat(((jakarta.mail.internet.InternetAddress) greenMail.getReceivedMessages()[0]
          .getAllRecipients()[0]).getAddress()).isEqualTo(customer);
      JsonNode delivery = delivery(second, admin, id);
      assertThat(delivery.get("state").asText()).isEqualTo("sent");
      assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
    } finally {
      greenMail.stop();
    }
  }

  private static JsonNode delivery(TestNode node, String token, String id) throws Exception {
    JsonNode entries = Tickets.read(node.http(), token, id).get("entries");
    return entries.get(entries.size() - 1).get("delivery").get(0);
  }

  private static void awaitCycles(CycleCount cycles, int count) {
    long target = cycles.started() + count;
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> cycles.finished() >= target);
  }
}
