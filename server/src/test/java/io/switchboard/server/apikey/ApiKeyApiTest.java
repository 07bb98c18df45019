package io.switchboard.server.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.MutableClock;
import io.switchboard.server.testing.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API keys over HTTP on a real node: only admins create them, the secret is shown once and
 * stored only as a hash, a key works as a bearer token within its scope (403 outside it: a
 * resource it was not given, a write with a read key, routes that are not for keys), a revoked
 * key is 401, the last use is recorded at most once a minute, and uses are audited (reads once a
 * minute per key and route, writes every time), and the GDPR export and erasure need the privacy
 * resource on its own (contacts write is not enough) and are audited with the key at every use.
 * The business clock is moved, never slept on.
 */
class ApiKeyApiTest {
  private static TestNode node;
  private static Fixtures fixtures;
  private static MutableClock clock;
  private static URI base;
  private static String admin;
  private static String agent;

  @BeforeAll
  static void start() throws Exception {
    clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    node = TestNode.start(Map.of(), clock);
    fixtures = Fixtures.create(jdbi());
    base = node.http();
    admin = Http.agentToken(base, fixtures.addUser(Role.ADMIN, 2));
    agent = Http.agentToken(base, fixtures.addAgent(2));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static Jdbi jdbi() {
    return node.node().database().jdbi();
  }

  private static JsonNode create(String name, String access, String resources) throws Exception {
    Http.Reply reply = Http.call("POST", base, "/v1/admin/api-keys", admin,
        "{\"name\":\"" + name + "\",\"access\":[" + access + "],\"resources\":[" + resources
            + "]}");
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.body();
  }

  @Test
  void onlyAdminsCreateKeysAndTheSecretIsShownOnceAndStoredHashed() throws Exception {
    assertThat(Http.call("POST", base, "/v1/admin/api-keys", agent,
        "{\"name\":\"x\",\"access\":[\"read\"],\"resources\":[\"tickets\"]}").status())
        .isEqualTo(403);
    assertThat(Http.call("POST", base, "/v1/admin/api-keys", admin,
        "{\"name\":\"x\",\"access\":[\"delete\"],\"resources\":[\"tickets\"]}").status())
        .isEqualTo(400);
    assertThat(Http.call("POST", base, "/v1/admin/api-keys", admin,
        "{\"name\":\"x\",\"access\":[\"read\"],\"resources\":[\"everything\"]}").status())
        .isEqualTo(400);
    JsonNode key = create("CRM 同步", "\"read\"", "\"tickets\"");
    String secret = key.get("secret").asText();
    assertThat(secret).startsWith("sbk_").hasSizeGreaterThanOrEqualTo(4 + 43);
    assertThat(key.get("name").asText()).isEqualTo("CRM 同步");
    assertThat(secret).startsWith(key.get("prefix").asText());
    JsonNode listed = Http.get(base, "/v1/admin/api-keys", admin).body().get("keys");
    assertThat(listed.toString()).contains(key.get("id").asText()).doesNotContain(secret)
        .doesNotContain("\"secret\"");
    String row = jdbi().withHandle(handle -> handle.createQuery(
            "SELECT row_to_json(k)::text FROM api_keys k WHERE id = :id::uuid")
        .bind("id", key.get("id").asText()).mapTo(String.class).one());
    assertThat(row).doesNotContain(secret.substring(4)).contains(key.get("prefix").asText());
    assertThat(Http.get(base, "/v1/admin/api-keys", agent).status()).isEqualTo(403);
  }

  @Test
  void aKeyWorksWithinItsScopeOnlyAndStopsWhenRevoked() throws Exception {
    JsonNode key = create("reader", "\"read\"", "\"tickets\",\"contacts\"");
    String secret = key.get("secret").asText();
    assertThat(Http.get(base, "/v1/tickets", secret).status()).isEqualTo(200);
    assertThat(Http.get(base, "/v1/contacts?site=" + fixtures.siteId, secret).status())
        .isEqualTo(200);
    Http.Reply outside = Http.get(base, "/v1/reports/definitions", secret);
    assertThat(outside.status()).isEqualTo(403);
    assertThat(outside.body().get("error").get("code").asText()).isEqualTo("forbidden");
    assertThat(Http.call("POST", base, "/v1/contacts", secret, contact("Ada")).status())
        .isEqualTo(403);
    assertThat(Http.get(base, "/v1/me", secret).status()).isEqualTo(403);
    assertThat(Http.get(base, "/v1/openapi.json", secret).status()).isEqualTo(200);
    assertThat(Http.get(base, "/v1/admin/api-keys", secret).status()).isEqualTo(403);
    assertThat(Http.get(base, "/v1/tickets", "sbk_" + "A".repeat(43)).status()).isEqualTo(401);

    JsonNode writer = create("writer", "\"read\",\"write\"", "\"contacts\"");
    Http.Reply written = Http.call("POST", base, "/v1/contacts", writer.get("secret").asText(),
        contact("Grace 霍珀"));
    assertThat(written.status()).as(written.toString()).isEqualTo(201);
    assertThat(Http.get(base, "/v1/tickets", writer.get("secret").asText()).status())
        .isEqualTo(403);

    String id = key.get("id").asText();
    assertThat(Http.call("DELETE", base, "/v1/admin/api-keys/" + id, agent, null).status())
        .isEqualTo(403);
    Http.Reply revoked = Http.call("DELETE", base, "/v1/admin/api-keys/" + id, admin, null);
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.body().get("revokedAt").isNull()).isFalse();
    Http.Reply refused = Http.get(base, "/v1/tickets", secret);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body().get("error").get("code").asText()).isEqualTo("unauthorized");
    assertThat(Http.call("DELETE", base, "/v1/admin/api-keys/" + id, admin, null).status())
        .isEqualTo(404);
  }

  @Test
  void lastUseIsRecordedAtMostOnceAMinuteAndUsesAreAudited() throws Exception {
    JsonNode key = create("auditor", "\"read\",\"write\"", "\"tickets\",\"contacts\"");
    String secret = key.get("secret").asText();
    String id = key.get("id").asText();
    assertThat(key.get("lastUsedAt").isNull()).isTrue();
    Instant first = clock.instant();
    assertThat(Http.get(base, "/v1/tickets", secret).status()).isEqualTo(200);
    assertThat(lastUse(id)).isEqualTo(first.toString());
    clock.set(first.plusSeconds(20));
    assertThat(Http.get(base, "/v1/tickets", secret).status()).isEqualTo(200);
    assertThat(lastUse(id)).isEqualTo(first.toString());
    await().atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(audited(id, "GET /v1/tickets")).isEqualTo(1));

    Instant later = first.plusSeconds(90);
    clock.set(later);
    assertThat(Http.get(base, "/v1/tickets", secret).status()).isEqualTo(200);
    assertThat(lastUse(id)).isEqualTo(later.toString());
    assertThat(Http.get(base, "/v1/reports/definitions", secret).status()).isEqualTo(403);
    for (int i = 0; i < 2; i++) {
      assertThat(Http.call("POST", base, "/v1/contacts", secret, contact("W" + i)).status())
          .isEqualTo(201);
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(audited(id, "GET /v1/tickets")).isEqualTo(2);
      assertThat(audited(id, "GET /v1/reports/definitions")).isEqualTo(1);
      assertThat(audited(id, "POST /v1/contacts")).isEqualTo(2);
    });
    String refusal = jdbi().withHandle(handle -> handle.createQuery(
            "SELECT after_json FROM audit_log WHERE actor_id = :id AND action = :action")
        .bind("id", id).bind("action", "GET /v1/reports/definitions").mapTo(String.class).one());
    assertThat(refusal).contains("\"outcome\":\"forbidden\"").contains("auditor");
    JsonNode listed = Http.get(base, "/v1/admin/api-keys", admin).body().get("keys");
    listed.forEach(k -> {
      if (k.get("id").asText().equals(id)) {
        assertThat(k.get("lastUsedAt").asText()).isEqualTo(later.toString());
      }
    });
  }

  @Test
  void gdprRoutesNeedThePrivacyResourceAndEveryUseIsAuditedWithTheKey() throws Exception {
    String contactsKey = create("crm", "\"read\",\"write\"", "\"contacts\"").get("secret").asText();
    JsonNode privacy = create("privacy desk", "\"read\",\"write\"", "\"privacy\"");
    String privacyKey = privacy.get("secret").asText();
    String keyId = privacy.get("id").asText();
    Http.Reply made = Http.call("POST", base, "/v1/contacts", contactsKey, contact("Erin Gdpr"));
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    String contactId = made.body().get("id").asText();
    String export = "/v1/contacts/" + contactId + "/gdpr-export";
    String erase = "/v1/contacts/" + contactId + "/gdpr-erase";
    String confirm = "{\"confirm\":\"ERASE\",\"reason\":\"the person asked\"}";

    assertThat(download(export, contactsKey).statusCode()).isEqualTo(403);
    Http.Reply refused = Http.call("POST", base, erase, contactsKey, confirm);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().toString()).contains("privacy");
    assertThat(Http.get(base, "/v1/contacts/" + contactId, privacyKey).status()).isEqualTo(403);

    for (int i = 0; i < 2; i++) {
      HttpResponse<byte[]> zip = download(export, privacyKey);
      assertThat(zip.statusCode()).isEqualTo(200);
      assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
      assertThat(new String(zip.body(), 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
    }
    Http.Reply erased = Http.call("POST", base, erase, privacyKey, confirm);
    assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
    String pseudonym = erased.body().get("pseudonym").asText();
    assertThat(Http.get(base, "/v1/contacts/" + contactId, admin).status()).isEqualTo(404);

    String exportRoute = "GET /v1/contacts/{id}/gdpr-export";
    String eraseRoute = "POST /v1/contacts/{id}/gdpr-erase";
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(audited(keyId, exportRoute)).as("each export, not once a minute").isEqualTo(2);
      assertThat(audited(keyId, eraseRoute)).isEqualTo(1);
    });
    String use = jdbi().withHandle(handle -> handle.createQuery(
            "SELECT actor_role || ' ' || after_json FROM audit_log WHERE actor_id = :id"
                + " AND action = :action")
        .bind("id", keyId).bind("action", eraseRoute).mapTo(String.class).one());
    assertThat(use).startsWith("api_key ").contains("privacy desk").contains("allowed")
        .contains(pseudonym).doesNotContain(contactId);
    List<String> entries = jdbi().withHandle(handle -> handle.createQuery(
            "SELECT action FROM audit_log WHERE target_id = :pseudonym ORDER BY id")
        .bind("pseudonym", pseudonym).mapTo(String.class).list());
    assertThat(entries).as("both exports, pseudonymised, and the erasure")
        .containsExactly("gdpr.export", "gdpr.export", "gdpr.erase");
  }

  private static HttpResponse<byte[]> download(String path, String token) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path))
        .header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String contact(String name) {
    return "{\"siteId\":\"" + fixtures.siteId + "\",\"name\":\"" + name + "\"}";
  }

  private static String lastUse(String id) {
    return jdbi().withHandle(handle -> handle.createQuery(
            "SELECT last_used_at FROM api_keys WHERE id = :id::uuid")
        .bind("id", id).mapTo(java.time.OffsetDateTime.class).findOne()
        .map(at -> at.toInstant().toString()).orElse("never"));
  }

  private static long audited(String id, String action) {
    return jdbi().withHandle(handle -> handle.createQuery(
            "SELECT count(*) FROM audit_log WHERE actor_id = :id AND action = :action")
        .bind("id", id).bind("action", action).mapTo(Long.class).one());
  }
}
