package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What goes into the audit log through a running node: admin and supervisor changes (with the
 * actor, the target, the address and what was asked, secrets redacted), sign-ins that failed or
 * succeeded, and exports; not what agents do for themselves. Only admins read, verify and export
 * it.
 */
class AuditApiTest extends NodeTest {

  @Test
  void adminAndSupervisorChangesAndSignInsAreRecorded() throws Exception {
    Fixtures.Agent adminAccount = fixtures.addUser(Role.ADMIN, 3);
    String admin = Http.agentToken(node.http(), adminAccount);
    Fixtures.Agent supervisorAccount = fixtures.addUser(Role.SUPERVISOR, 3);
    String supervisor = Http.agentToken(node.http(), supervisorAccount);
    String agent = Http.agentToken(node.http(), fixtures.addAgent(1));
    String email = "audited-" + UUID.randomUUID() + "@example.test";

    Http.Reply user = Http.call("POST", node.http(), "/v1/admin/users", admin, "{\"email\":\""
        + email + "\",\"name\":\"Audited\",\"role\":\"agent\",\"password\":\"a secret password\"}");
    assertThat(user.status()).isEqualTo(201);
    String userId = user.body().get("id").asText();
    JsonNode created = awaitEntry(admin, "action=" + encode("POST /v1/admin/users")
        + "&actor=" + adminAccount.id(), email);
    assertThat(created.get("actorRole").asText()).isEqualTo("admin");
    assertThat(created.get("targetType").asText()).isEqualTo("users");
    assertThat(created.get("address").asText()).isEqualTo("127.0.0.1");
    assertThat(created.get("after").asText()).contains("\"password\":\"[redacted]\"")
        .doesNotContain("a secret password");

    assertThat(Http.call("POST", node.http(), "/v1/queues/" + fixtures.queueId + "/pause",
        supervisor, "{}").status()).isEqualTo(200);
    JsonNode paused = awaitEntry(admin, "actor=" + supervisorAccount.id(), "/pause");
    assertThat(paused.get("targetType").asText()).isEqualTo("queues");
    assertThat(paused.get("targetId").asText()).isEqualTo(fixtures.queueId);
    Http.call("POST", node.http(), "/v1/queues/" + fixtures.queueId + "/resume", supervisor, "{}");

    assertThat(Http.post(node.http(), "/v1/agents/login", "{\"email\":\"" + email
        + "\",\"password\":\"not it at all\"}").status()).isEqualTo(401);
    awaitEntry(admin, "action=login.failed&targetId=" + encode(email), email);
    Http.post(node.http(), "/v1/agents/login", "{\"email\":\"" + email
        + "\",\"password\":\"a secret password\"}");
    awaitEntry(admin, "action=login.succeeded&targetId=" + userId, "login.succeeded");

    String agentName = "Renamed " + UUID.randomUUID();
    Http.call("PUT", node.http(), "/v1/me", agent, "{\"name\":\"" + agentName + "\"}");
    assertThat(Http.get(node.http(), "/v1/admin/audit?limit=500&action=" + encode("PUT /v1/me"),
        admin).body().toString()).as("an agent's own changes are not audited")
        .doesNotContain(agentName);
  }

  @Test
  void onlyAdminsReadVerifyAndExportTheLogAndExportsAreRecorded() throws Exception {
    Fixtures.Agent adminAccount = fixtures.addUser(Role.ADMIN, 3);
    String admin = Http.agentToken(node.http(), adminAccount);
    String supervisor = Http.agentToken(node.http(), fixtures.addUser(Role.SUPERVISOR, 3));
    for (String path : new String[] {"/v1/admin/audit", "/v1/admin/audit/verify",
        "/v1/admin/audit/export"}) {
      assertThat(Http.get(node.http(), path, supervisor).status()).as(path).isEqualTo(403);
    }
    assertThat(Http.get(node.http(), "/v1/admin/audit?from=yesterday", admin).status())
        .isEqualTo(400);

    JsonNode verified = Http.get(node.http(), "/v1/admin/audit/verify", admin).body();
    assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();

    HttpResponse<String> export = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            node.http().resolve("/v1/admin/audit/export"))
        .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
    assertThat(export.body()).startsWith("id,at,actor_id,actor_role,action,target_type,target_id,"
        + "address,before,after,hash");
    awaitEntry(admin, "action=audit.exported&actor=" + adminAccount.id(), "audit.exported");
  }

  /** Waits until an entry matching the query whose JSON contains {@code text} is in the log. */
  private static JsonNode awaitEntry(String admin, String query, String text) {
    JsonNode[] found = new JsonNode[1];
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
      for (JsonNode entry : Http.get(node.http(), "/v1/admin/audit?limit=500&" + query, admin)
          .body()) {
        if (entry.toString().contains(text)) {
          found[0] = entry;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
