package io.switchboard.server.lifecycle;

import static io.switchboard.server.testing.Tickets.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.sdk.SwitchboardHttp;
import io.switchboard.sdk.UploadedAttachment;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.MutableClock;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.Tickets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention on a real node whose business clock the test moves: a site's settings over REST (off
 * by default, admins only), then runs of the job that delete (or anonymise) the conversations and
 * tickets older than the site's days with their messages and files, leave recent ones, keep the
 * report facts when anonymising, and take the removed text out of search.
 */
class RetentionTest {
  @TempDir
  static Path dataDir;
  static final MutableClock CLOCK = new MutableClock(Instant.now());
  static TestNode node;
  static Jdbi jdbi;
  static String admin;

  @BeforeAll
  static void startNode() throws Exception {
    node = TestNode.start(Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString()), CLOCK);
    jdbi = node.node().database().jdbi();
    admin = Http.agentToken(node.http(), Fixtures.create(jdbi).addUser(Role.ADMIN, 1));
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  /** One site's closed chat (with a file) and solved ticket, each with a word of its own. */
  private record Items(UUID conversation, UUID ticket, String word, String sha256) {}

  @Test
  void settingsAreOffByDefaultAndOnlyAdminsChangeThem() throws Exception {
    Fixtures site = Fixtures.create(jdbi);
    String agent = Http.agentToken(node.http(), site.addAgent(1));
    String path = "/v1/admin/sites/" + site.siteId + "/retention";
    JsonNode off = expect(200, Http.get(node.http(), path, admin));
    assertThat(off.get("enabled").asBoolean()).isFalse();
    assertThat(Http.get(node.http(), path, agent).status()).isEqualTo(403);
    assertThat(Http.call("PUT", node.http(), path, admin, "{\"mode\":\"shred\"}").status())
        .isEqualTo(400);
    assertThat(Http.call("PUT", node.http(), path, admin, "{\"days\":0}").status())
        .isEqualTo(400);
    assertThat(Http.get(node.http(), "/v1/admin/sites/no-such-site/retention", admin).status())
        .isEqualTo(404);
    JsonNode on = expect(200, Http.call("PUT", node.http(), path, admin,
        "{\"enabled\":true,\"days\":90,\"mode\":\"anonymise\"}"));
    assertThat(on.get("days").asInt()).isEqualTo(90);
    assertThat(expect(200, Http.get(node.http(), path, admin)).get("mode").asText())
        .isEqualTo("anonymise");
    expect(200, Http.call("PUT", node.http(), path, admin, "{\"enabled\":false}"));
  }

  @Test
  void deleteRemovesOldItemsWithTheirMessagesAndFilesAndKeepsRecentOnes() throws Exception {
    Fixtures site = Fixtures.create(jdbi);
    Items old = items(site, true);
    Items recent = items(site, false);
    settings(site, 30, "delete");
    CLOCK.set(Instant.now().plus(Duration.ofDays(10)));
    assertThat(searchCount(old.word())).isPositive();
    JsonNode run = runFor(site);
    assertThat(run.get("conversations").asInt()).isEqualTo(1);
    assertThat(run.get("tickets").asInt()).isEqualTo(1);
    assertThat(count("conversations", "id", old.conversation())).isZero();
    assertThat(count("messages", "conversation_id", old.conversation())).isZero();
    assertThat(count("tickets", "id", old.ticket())).isZero();
    assertThat(count("ticket_entries", "ticket_id", old.ticket())).isZero();
    assertThat(count("attachments", "conversation_id", old.conversation())).isZero();
    assertThat(blobExists(old.sha256())).isFalse();
    assertThat(searchCount(old.word())).isZero();
    assertThat(count("conversations", "id", recent.conversation())).isOne();
    assertThat(count("tickets", "id", recent.ticket())).isOne();
    assertThat(searchCount(recent.word())).isPositive();
    assertThat(auditRuns(site)).isOne();
    // Forty days on, the recent ones are old too.
    CLOCK.set(Instant.now().plus(Duration.ofDays(40)));
    assertThat(runFor(site).get("conversations").asInt()).isEqualTo(1);
    assertThat(count("conversations", "id", recent.conversation())).isZero();
    CLOCK.set(Instant.now());
    settings(site, 30, "delete", false);
  }

  @Test
  void anonymiseKeepsTheRowsForReportsButNotTheirContent() throws Exception {
    Fixtures site = Fixtures.create(jdbi);
    Items old = items(site, true);
    Items recent = items(site, false);
    settings(site, 30, "anonymise");
    CLOCK.set(Instant.now().plus(Duration.ofDays(10)));
    long messages = count("messages", "conversation_id", old.conversation());
    long facts = factsOf(site);
    JsonNode run = runFor(site);
    assertThat(run.get("conversations").asInt()).isEqualTo(1);
    assertThat(count("conversations", "id", old.conversation())).isOne();
    assertThat(count("messages", "conversation_id", old.conversation())).isEqualTo(messages);
    assertThat(factsOf(site)).isEqualTo(facts);
    assertThat((String) jdbi.withHandle(h -> h.createQuery("SELECT string_agg(body, '') FROM messages"
            + " WHERE conversation_id = :c").bind("c", old.conversation())
        .mapTo(String.class).one())).isEmpty();
    assertThat((String) jdbi.withHandle(h -> h.createQuery("SELECT coalesce(requester_name, '')"
            + " || coalesce(requester_email, '') || subject FROM tickets WHERE id = :t")
        .bind("t", old.ticket()).mapTo(String.class).one())).isEqualTo("[removed]");
    assertThat(count("attachments", "conversation_id", old.conversation())).isZero();
    assertThat(blobExists(old.sha256())).isFalse();
    assertThat(searchCount(old.word())).isZero();
    assertThat(searchCount(recent.word())).isPositive();
    // A second run finds nothing more to anonymise.
    assertThat(runFor(site).get("conversations").asInt()).isZero();
    CLOCK.set(Instant.now());
    settings(site, 30, "anonymise", false);
  }

  /** A closed chat with a file and a solved ticket; {@code old}: closed and solved 60 days ago. */
  private Items items(Fixtures site, boolean old) throws Exception {
    String word = "rt" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String token = SwitchboardHttp.requestVisitorToken(node.http(), site.siteKey, null)
        .visitorToken();
    Fixtures.Agent agent = site.addAgent(2);
    String agentToken = Http.agentToken(node.http(), agent);
    Path file = Files.write(dataDir.resolve(word + ".png"), PersonFixture.PNG.clone());
    // Bytes of their own, so that no other upload shares the blob.
    Files.write(file, word.getBytes(), java.nio.file.StandardOpenOption.APPEND);
    UUID conversation;
    try (Participant visitor = Participant.connect(node.ws(), token, event -> { });
        Participant staff = Participant.agent(node.http(), node.ws(), agent)) {
      conversation = UUID.fromString(staff.serve(visitor, site.queueId,
          Map.of("name", "Visitor")));
      UploadedAttachment upload = SwitchboardHttp.uploadAttachment(node.http(), token, file,
          word + ".png", "up-" + word);
      visitor.client().send(conversation.toString(), "m-1", "about " + word,
          List.of(upload.id())).get();
      visitor.client().close(conversation.toString(), null).get();
    }
    UUID ticket = UUID.fromString(Tickets.open(node.http(), agentToken, site.queueId,
        "Ticket " + word).get("id").asText());
    expect(200, Tickets.status(node.http(), agentToken, ticket.toString(), "solved"));
    String sha = jdbi.withHandle(h -> h.createQuery("SELECT sha256 FROM attachments"
        + " WHERE conversation_id = :c").bind("c", conversation).mapTo(String.class).one());
    if (old) {
      jdbi.useHandle(h -> h.createUpdate("UPDATE conversations"
          + " SET closed_at = closed_at - interval '60 days' WHERE id = :c")
          .bind("c", conversation).execute());
      // Solved long ago, the ticket is closed by the node's own auto-close; then it closed long
      // ago as well.
      jdbi.useHandle(h -> h.createUpdate("UPDATE tickets"
          + " SET solved_at = solved_at - interval '60 days' WHERE id = :t")
          .bind("t", ticket).execute());
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
          jdbi.withHandle(h -> h.createQuery("SELECT status FROM tickets WHERE id = :t")
              .bind("t", ticket).mapTo(String.class).one()).equals("closed"));
      jdbi.useHandle(h -> h.createUpdate("UPDATE tickets"
          + " SET closed_at = closed_at - interval '60 days' WHERE id = :t")
          .bind("t", ticket).execute());
    }
    return new Items(conversation, ticket, word, sha);
  }

  private static void settings(Fixtures site, int days, String mode) throws Exception {
    settings(site, days, mode, true);
  }

  private static void settings(Fixtures site, int days, String mode, boolean enabled)
      throws Exception {
    expect(200, Http.call("PUT", node.http(), "/v1/admin/sites/" + site.siteId + "/retention",
        admin, "{\"enabled\":" + enabled + ",\"days\":" + days + ",\"mode\":\"" + mode
            + "\"}"));
  }

  private static JsonNode runFor(Fixtures site) throws Exception {
    for (JsonNode run : expect(200, Http.call("POST", node.http(), "/v1/admin/retention/run",
        admin, "{}")).get("runs")) {
      if (run.get("siteId").asText().equals(site.siteId)) {
        return run;
      }
    }
    throw new AssertionError("no run for " + site.siteId);
  }

  private static long count(String table, String column, UUID id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table + " WHERE "
        + column + " = :id").bind("id", id).mapTo(Long.class).one());
  }

  private static long factsOf(Fixtures site) {
    return jdbi.withHandle(h -> h.createQuery("SELECT (SELECT count(*) FROM report_chat_facts"
            + " WHERE site_id = :s) + (SELECT count(*) FROM report_ticket_facts"
            + " WHERE site_id = :s)").bind("s", site.siteId).mapTo(Long.class).one());
  }

  private static long auditRuns(Fixtures site) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log"
            + " WHERE action = 'retention.run' AND target_id = :s").bind("s", site.siteId)
        .mapTo(Long.class).one());
  }

  private static boolean blobExists(String sha) {
    return Files.exists(dataDir.resolve("attachments").resolve(sha.substring(0, 2))
        .resolve(sha.substring(2, 4)).resolve(sha));
  }

  private static int searchCount(String word) throws Exception {
    return expect(200, Http.get(node.http(), "/v1/search?q=" + word, admin)).get("results")
        .size();
  }
}
