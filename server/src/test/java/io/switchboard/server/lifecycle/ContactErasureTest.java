package io.switchboard.server.lifecycle;

import static io.switchboard.server.testing.Tickets.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.switchboard.server.access.Role;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.store.audit.AuditDao;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.StoreFixture;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.TestServices;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.awaitility.Awaitility;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GDPR export and erasure on a real node: a person with data in every place (chat with a file,
 * rating, private note, contact edits, note and merge, a ticket with mail and SLA clocks, a
 * campaign invitation, search, Redis, audit entries). The export holds it all and follows the
 * merge; after the erasure a sweep over every table of the schema finds none of the person's ids
 * and texts, the file is gone, Redis names no one, search finds nothing and the audit log still
 * verifies, its entries about the person now naming only the pseudonym.
 */
class ContactErasureTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  static Path dataDir;
  static TestNode node;
  static Fixtures fixtures;
  static String admin;
  static String agentToken;
  static Fixtures.Agent agent;
  static Jdbi jdbi;

  @BeforeAll
  static void startNode() throws Exception {
    // A database of its own: the sweep reads every row of every table for the person's traces,
    // which in the suite's shared database (every earlier test's rows) took most of a minute.
    node = TestNode.start(Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString(),
        "SWITCHBOARD_DATABASE_URL", StoreFixture.freshDatabaseUrl()));
    jdbi = node.node().database().jdbi();
    fixtures = Fixtures.create(jdbi);
    agent = fixtures.addAgent(3);
    agentToken = Http.agentToken(node.http(), agent);
    admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 1));
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void theExportHoldsEverythingAboutTheContactAndFollowsTheMerge() throws Exception {
    PersonFixture person = new PersonFixture().build(node, fixtures, admin, agent, dataDir);
    assertThat(download(agentToken, person.contactId).statusCode()).isEqualTo(403);
    // The merged record's id answers its survivor's export.
    HttpResponse<byte[]> reply = download(admin, person.mergedId);
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/zip");
    Map<String, byte[]> files = unzip(reply.body());
    JsonNode doc = JSON.readTree(files.get("contact.json"));
    assertThat(doc.get("contactId").asText()).isEqualTo(person.contactId.toString());
    assertThat(doc.get("contact").get("email").asText()).isEqualTo(person.email);
    assertThat(doc.get("mergedContacts").get(0).get("id").asText())
        .isEqualTo(person.mergedId.toString());
    assertThat(doc.get("notes").toString()).contains("Called " + person.name);
    assertThat(doc.get("events")).isNotEmpty();
    JsonNode chat = doc.get("conversations").get(0);
    assertThat(chat.get("messages").toString()).contains("my word is " + person.word)
        .contains("Thanks " + person.name);
    assertThat(chat.get("ratings").get(0).get("comment").asText()).contains(person.name);
    assertThat(chat.get("notes").get(0).get("body").asText()).contains(person.email);
    assertThat(chat.get("conversation_events")).isNotEmpty();
    JsonNode ticket = doc.get("tickets").get(0);
    assertThat(ticket.get("subject").asText()).isEqualTo("Refund for " + person.word);
    assertThat(ticket.get("ticket_entries")).isNotEmpty();
    assertThat(ticket.get("ticket_events")).isNotEmpty();
    assertThat(ticket.get("sla_clocks")).isNotEmpty();
    assertThat(ticket.get("mail_messages").get(0).get("sender").asText()).contains(person.email);
    assertThat(doc.get("campaignInvitations").get(0).get("body").asText())
        .contains(person.name);
    JsonNode attachment = doc.get("attachments").get(0);
    String name = attachment.get("file").asText();
    assertThat(name).isEqualTo("attachments/" + person.attachmentId + "-passport-"
        + person.word + ".png");
    assertThat(files.get(name)).isEqualTo(person.picture);
    assertThat((int) jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log"
            + " WHERE action = 'gdpr.export' AND target_id = :id")
        .bind("id", person.contactId.toString()).mapTo(Integer.class).one())).isEqualTo(1);
  }

  @Test
  void anErasedContactLeavesNothingBehindAndTheAuditLogStillVerifies() throws Exception {
    // A webhook whose receiver never answers keeps the person's events queued in its outbox.
    expect(201, Http.call("POST", node.http(), "/v1/webhooks", admin, "{\"siteId\":\""
        + fixtures.siteId + "\",\"url\":\"http://127.0.0.1:9/hook\",\"events\":["
        + "\"conversation.started\",\"message.created\",\"ticket.created\","
        + "\"contact.created\",\"rating.submitted\"]}"));
    PersonFixture person = new PersonFixture().build(node, fixtures, admin, agent, dataDir);
    download(admin, person.contactId); // one more audit entry naming the contact
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbi.withHandle(h -> h
        .createQuery("SELECT count(*) FROM webhook_deliveries"
            + " WHERE payload -> 'data' ->> 'contactId' = :c")
        .bind("c", person.contactId.toString()).mapTo(Long.class).one()) > 0);
    RedisClient client = RedisClient.create(TestServices.redisUrl());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      String id = person.contactId.toString();
      redis.zadd(RedisKeys.liveVisitors(fixtures.siteId), System.currentTimeMillis(), id);
      redis.hset(RedisKeys.liveVisitorPages(fixtures.siteId), id, "{\"url\":\"/pricing\"}");
      assertThat(keysNaming(redis, id)).as("the visitor's rate buckets").isNotEmpty();
      assertThat(search(person.word)).isNotEmpty();
      assertThat(sweep(person.needles())).isNotEmpty();

      String path = "/v1/contacts/" + person.contactId + "/gdpr-erase";
      String body = "{\"confirm\":\"ERASE\",\"reason\":\"Request by " + person.name + "\"}";
      assertThat(Http.call("POST", node.http(), path, agentToken, body).status()).isEqualTo(403);
      assertThat(Http.call("POST", node.http(), path, admin,
          "{\"confirm\":\"yes\",\"reason\":\"x\"}").status()).isEqualTo(400);
      JsonNode receipt = expect(200, Http.call("POST", node.http(), path, admin, body));
      String pseudonym = receipt.get("pseudonym").asText();
      assertThat(pseudonym).startsWith("erased-");
      assertThat(receipt.get("rows").get("messages").asInt()).isEqualTo(2);
      assertThat(receipt.get("rows").get("contacts").asInt()).isEqualTo(2);
      assertThat(receipt.get("auditEntriesRedacted").asInt()).isGreaterThanOrEqualTo(4);
      assertThat(receipt.get("filesRemoved").asInt()).isEqualTo(1);

      assertThat(sweep(person.needles())).as("rows naming the person").isEmpty();
      assertThat(Files.exists(dataDir.resolve("attachments").resolve(
          person.attachmentSha.substring(0, 2)).resolve(person.attachmentSha.substring(2, 4))
          .resolve(person.attachmentSha))).isFalse();
      assertThat(keysNaming(redis, id)).isEmpty();
      assertThat(redis.zscore(RedisKeys.liveVisitors(fixtures.siteId), id)).isNull();
      assertThat(redis.hget(RedisKeys.liveVisitorPages(fixtures.siteId), id)).isNull();
      assertThat(search(person.word)).isEmpty();
      assertThat(Http.get(node.http(), "/v1/contacts/" + person.mergedId, admin).status())
          .isEqualTo(404);
      assertThat(new AuditDao(jdbi).problems()).isEmpty();
      assertThat(expect(200, Http.get(node.http(), "/v1/admin/audit/verify", admin)).toString())
          .contains("true");
      List<String> erasure = jdbi.withHandle(h -> h.createQuery("SELECT action || ' '"
              + " || target_id || ' ' || after_json FROM audit_log WHERE target_id = :p")
          .bind("p", pseudonym).mapTo(String.class).list());
      assertThat(erasure).anySatisfy(entry -> assertThat(entry)
          .startsWith("gdpr.erase " + pseudonym).contains("Request by " + pseudonym));
    } finally {
      client.shutdown();
    }
  }

  /** Each table of the schema with a row whose text holds one of the needles. */
  private static List<String> sweep(List<String> needles) {
    return jdbi.withHandle(h -> {
      List<String> tables = h.createQuery("SELECT table_name FROM information_schema.tables"
              + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
          .mapTo(String.class).list();
      List<String> found = new ArrayList<>();
      for (String table : tables) {
        for (String needle : needles) {
          h.createQuery("SELECT left(CAST(r AS text), 400) FROM \"" + table + "\" AS r"
                  + " WHERE strpos(lower(CAST(r AS text)), :needle) > 0 LIMIT 3")
              .bind("needle", needle.toLowerCase(Locale.ROOT)).mapTo(String.class)
              .forEach(row -> found.add(table + " names " + needle + ": " + row));
        }
      }
      return found;
    });
  }

  private static List<String> keysNaming(RedisCommands<String, String> redis, String id) {
    return redis.keys("*" + id + "*");
  }

  private static JsonNode search(String word) throws Exception {
    return expect(200, Http.get(node.http(), "/v1/search?q=" + word, admin)).get("results");
  }

  private static HttpResponse<byte[]> download(String token, java.util.UUID id)
      throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.http()
            .resolve("/v1/contacts/" + id + "/gdpr-export"))
        .header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
    Map<String, byte[]> files = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        files.put(entry.getName(), in.readAllBytes());
      }
    }
    return files;
  }
}
