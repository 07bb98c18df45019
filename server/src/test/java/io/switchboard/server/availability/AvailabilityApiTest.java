package io.switchboard.server.availability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/availability} and {@code /v1/maintenance-windows} over a real node: who may read
 * and who may declare, the month's JSON with the current status, validation of the query and of
 * windows, and the audit log entries of declaring and deleting.
 */
class AvailabilityApiTest extends NodeTest {
  private static String admin;
  private static String supervisor;
  private static String agent;

  @BeforeAll
  static void users() throws Exception {
    admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 2));
    supervisor = Http.agentToken(node.http(), fixtures.addUser(Role.SUPERVISOR, 2));
    agent = Http.agentToken(node.http(), fixtures.addAgent(2));
  }

  @Test
  void adminsAndSupervisorsReadTheMonthWithTheCurrentStatus() throws Exception {
    Http.Reply reply = Http.get(node.http(), "/v1/availability?month=2026-11&tz=Asia/Shanghai",
        admin);
    assertThat(reply.status()).isEqualTo(200);
    JsonNode body = reply.body();
    assertThat(body.get("month").asText()).isEqualTo("2026-11");
    assertThat(body.get("timeZone").asText()).isEqualTo("Asia/Shanghai");
    assertThat(body.get("targetPercent").asDouble()).isEqualTo(99.9);
    assertThat(body.get("allowedDownSeconds").asLong()).isEqualTo(2592);
    assertThat(body.get("incidents").isArray()).isTrue();
    assertThat(body.get("maintenance").isArray()).isTrue();
    assertThat(body.get("current").get("status").asText()).isIn("up", "down", "unknown");
    assertThat(Http.get(node.http(), "/v1/availability", supervisor).status()).isEqualTo(200);
    assertThat(Http.get(node.http(), "/v1/availability", agent).status()).isEqualTo(403);
    assertThat(Http.get(node.http(), "/v1/availability", null).status()).isEqualTo(401);
    Http.Reply badZone = Http.get(node.http(), "/v1/availability?tz=Mars/Base", admin);
    assertThat(badZone.status()).isEqualTo(400);
    assertThat(badZone.body().get("error").get("code").asText()).isEqualTo("bad_request");
    assertThat(Http.get(node.http(), "/v1/availability?month=2026-13", admin).status())
        .isEqualTo(400);
  }

  @Test
  void adminsDeclareListAndDeleteWindowsAndTheAuditLogRecordsIt() throws Exception {
    String start = "2030-03-01T01:00:00Z";
    String end = "2030-03-01T02:30:00Z";
    assertThat(post(admin, start, "2030-03-01T00:30:00Z", "upgrade").status()).isEqualTo(400);
    assertThat(post(admin, start, end, "  ").body().get("error").get("code").asText())
        .isEqualTo("invalid_field");
    assertThat(post(admin, "yesterday", end, "upgrade").status()).isEqualTo(400);
    assertThat(post(supervisor, start, end, "upgrade").status()).isEqualTo(403);
    Http.Reply created = post(admin, start, end, "PostgreSQL 19 upgrade 数据库升级");
    assertThat(created.status()).isEqualTo(201);
    long id = created.body().get("id").asLong();
    assertThat(created.body().get("reason").asText()).isEqualTo("PostgreSQL 19 upgrade 数据库升级");
    assertThat(Http.get(node.http(), "/v1/maintenance-windows", admin).body().get("windows")
        .toString()).contains("\"id\":" + id);
    assertThat(Http.get(node.http(), "/v1/maintenance-windows", supervisor).status())
        .isEqualTo(403);
    JsonNode month = Http.get(node.http(), "/v1/availability?month=2030-03&tz=UTC", supervisor)
        .body();
    assertThat(month.get("maintenance").toString()).contains(start);
    assertThat(Http.call("DELETE", node.http(), "/v1/maintenance-windows/" + id, supervisor,
        null).status()).isEqualTo(403);
    assertThat(Http.call("DELETE", node.http(), "/v1/maintenance-windows/" + id, admin, null)
        .status()).isEqualTo(204);
    assertThat(Http.call("DELETE", node.http(), "/v1/maintenance-windows/" + id, admin, null)
        .status()).isEqualTo(404);
    org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(audited(id)).isEqualTo(1));
    assertThat((long) node.node().database().jdbi().withHandle(handle -> handle.createQuery(
            "SELECT count(*) FROM audit_log WHERE action = 'POST /v1/maintenance-windows'"
                + " AND at >= :since")
        .bind("since", java.time.OffsetDateTime.now().minusMinutes(5))
        .mapTo(Long.class).one())).isPositive();
  }

  private static long audited(long id) {
    return node.node().database().jdbi().withHandle(handle -> handle.createQuery(
            "SELECT count(*) FROM audit_log WHERE action = :action AND before_json LIKE :reason")
        .bind("action", "DELETE /v1/maintenance-windows/" + id)
        .bind("reason", "%upgrade%")
        .mapTo(Long.class).one());
  }

  private static Http.Reply post(String token, String start, String end, String reason)
      throws Exception {
    return Http.call("POST", node.http(), "/v1/maintenance-windows", token,
        "{\"start\":\"" + start + "\",\"end\":\"" + end + "\",\"reason\":\"" + reason + "\"}");
  }
}
