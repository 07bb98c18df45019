package io.switchboard.server.lifecycle;

import static io.switchboard.server.testing.Tickets.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.sdk.SwitchboardHttp;
import io.switchboard.sdk.UploadedAttachment;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * One person with data in every place Switchboard keeps it, made through the real node where a
 * route exists (chat with a file, contact edits and notes, a staff ticket with its SLA clocks, a
 * merge) and with SQL where the data comes from elsewhere (a rating, a private note, mail, a
 * campaign invitation). Everything that names the person carries a word of this run only.
 *
 * <p>Not thread-safe: built once by a test.
 */
final class PersonFixture {
  /** The smallest PNG: a 1x1 pixel. */
  static final byte[] PNG = java.util.Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

  final String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  final String name = "Erin " + word;
  final String email = "erin." + word + "@example.com";
  final String phone = "+4915" + (100000000L + Math.abs(word.hashCode() % 800000000L));
  final String otherEmail = "old." + word + "@example.com";
  UUID contactId;
  UUID mergedId;
  UUID conversationId;
  UUID ticketId;
  String attachmentSha;
  /** The picture the visitor sent: a PNG with this person's word after its end. */
  byte[] picture;
  String attachmentId;

  /** Builds it on the node; {@code admin} is an admin's token, {@code agent} an agent. */
  PersonFixture build(TestNode node, Fixtures fixtures, String admin, Fixtures.Agent agent,
      Path scratch) throws Exception {
    Jdbi jdbi = node.node().database().jdbi();
    String visitorToken = SwitchboardHttp.requestVisitorToken(node.http(), fixtures.siteKey, null)
        .visitorToken();
    // Bytes of this person's own (blobs are stored once by content: a picture another person
    // also sent would rightly outlive this person's erasure).
    picture = java.util.Arrays.copyOf(PNG, PNG.length + word.length());
    System.arraycopy(word.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, picture,
        PNG.length, word.length());
    Path file = Files.write(scratch.resolve("passport-" + word + ".png"), picture);
    try (Participant visitor = Participant.connect(node.ws(), visitorToken, event -> { });
        Participant staff = Participant.agent(node.http(), node.ws(), agent)) {
      conversationId = UUID.fromString(staff.serve(visitor, fixtures.queueId,
          Map.of("name", name, "email", email)));
      UploadedAttachment upload = SwitchboardHttp.uploadAttachment(node.http(), visitorToken,
          file, "passport-" + word + ".png", "up-" + word);
      attachmentId = upload.id();
      visitor.client().send(conversationId.toString(), "m-1", "My number is " + phone
          + " and my word is " + word, List.of(upload.id())).get();
      staff.client().send(conversationId.toString(), "Thanks " + name).get();
      visitor.client().close(conversationId.toString(), null).get();
    }
    contactId = jdbi.withHandle(h -> h.createQuery(
            "SELECT contact_id FROM conversations WHERE id = :id").bind("id", conversationId)
        .mapTo(UUID.class).one());
    attachmentSha = jdbi.withHandle(h -> h.createQuery(
            "SELECT sha256 FROM attachments WHERE id = :id")
        .bind("id", UUID.fromString(attachmentId)).mapTo(String.class).one());
    // Staff edit the contact (audited with before and after), note it, merge an old record in.
    expect(200, Http.call("PATCH", node.http(), "/v1/contacts/" + contactId, admin,
        "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"phone\":\"" + phone + "\"}"));
    expect(201, Http.call("POST", node.http(), "/v1/contacts/" + contactId + "/notes", admin,
        "{\"body\":\"Called " + name + " back\"}"));
    mergedId = UUID.fromString(expect(201, Http.call("POST", node.http(), "/v1/contacts", admin,
        "{\"siteId\":\"" + fixtures.siteId + "\",\"name\":\"" + name + "\",\"email\":\""
            + otherEmail + "\"}")).get("id").asText());
    expect(200, Http.call("POST", node.http(), "/v1/contacts/" + contactId + "/merge", admin,
        "{\"mergedId\":\"" + mergedId + "\"}"));
    JsonNode ticket = expect(201, Http.call("POST", node.http(), "/v1/tickets", admin,
        "{\"queue\":\"" + fixtures.queueId + "\",\"subject\":\"Refund for " + word
            + "\",\"body\":\"Please refund " + name + "\","
            + "\"requester\":{\"contactId\":\"" + contactId + "\"}}"));
    ticketId = UUID.fromString(ticket.get("id").asText());
    insertElsewhere(jdbi, agent.id());
    return this;
  }

  /** What arrives by other routes: a rating, a private note, mail in and out, an invitation. */
  private void insertElsewhere(Jdbi jdbi, UUID agentId) {
    Instant now = Instant.now();
    jdbi.useHandle(h -> {
      h.createUpdate("INSERT INTO ratings (conversation_id, contact_id, score, comment)"
              + " VALUES (:c, :contact, 2, :comment)")
          .bind("c", conversationId).bind("contact", contactId)
          .bind("comment", "Slow, says " + name).execute();
      h.createUpdate("INSERT INTO notes (conversation_id, author_id, body) VALUES (:c, :a, :b)")
          .bind("c", conversationId).bind("a", agentId).bind("b", "VIP " + email).execute();
      long entry = h.createQuery("SELECT min(id) FROM ticket_entries WHERE ticket_id = :t")
          .bind("t", ticketId).mapTo(Long.class).one();
      h.createUpdate("""
              INSERT INTO mail_messages (message_id, direction, source, state, ticket_id,
                  entry_id, sender, recipient, subject, received_at)
              VALUES (:mid, 'in', 'smtp', 'reply', :t, :e, :from, 'help@example.test', :subject,
                  :at)""")
          .bind("mid", word + "@mail.example.com").bind("t", ticketId).bind("e", entry)
          .bind("from", name + " <" + email + ">").bind("subject", "Re: Refund for " + word)
          .bind("at", now.atOffset(java.time.ZoneOffset.UTC)).execute();
      h.createUpdate("""
              INSERT INTO mail_outbox (entry_id, ticket_id, recipient, message_id, state,
                  next_attempt_at, created_at)
              VALUES (:e, :t, :to, :mid, 'sent', now(), now())""")
          .bind("e", entry).bind("t", ticketId).bind("to", email)
          .bind("mid", "out-" + word + "@switchboard.test").execute();
      h.createUpdate("""
              INSERT INTO campaign_invitations (id, site_id, contact_id, body)
              SELECT :id, site_id, :c, :body FROM contacts WHERE id = :c""")
          .bind("id", UUID.randomUUID()).bind("c", contactId)
          .bind("body", "Hello " + name + ", need help?").execute();
    });
    assertThat((int) jdbi.withHandle(h -> h.createQuery(
            "SELECT count(*) FROM sla_clocks WHERE ticket_id = :t").bind("t", ticketId)
        .mapTo(Integer.class).one())).as("the ticket runs SLA clocks").isPositive();
  }

  /** Every id and text that names the person. */
  List<String> needles() {
    return List.of(word, email, otherEmail, name, phone, contactId.toString(),
        mergedId.toString(), conversationId.toString(), ticketId.toString(), attachmentId);
  }
}
