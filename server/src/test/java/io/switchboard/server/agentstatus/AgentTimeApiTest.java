package io.switchboard.server.agentstatus;

import static io.switchboard.server.testing.Tickets.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/reports/agent-time} over a real node: status changes an agent makes on the
 * console are recorded, an agent whose connection is gone goes offline once their presence runs
 * out (the node notices, nobody tells it), a chat held while online shows as concurrency and
 * occupancy; scope by role, the CSV in Chinese, and refusals of bad parameters.
 */
class AgentTimeApiTest extends NodeTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static Fixtures.Agent worker;
  private static Fixtures.Agent leaver;
  private static String workerToken;
  private static String supervisorToken;
  private static String outsiderToken;
  private static String adminToken;
  private static String today;
  private static Instant began;

  @BeforeAll
  static void workAShift() throws Exception {
    began = Instant.now();
    worker = fixtures.addAgent(2);
    leaver = fixtures.addAgent(2);
    workerToken = Http.agentToken(node.http(), worker);
    supervisorToken = Http.agentToken(node.http(), fixtures.addUser(Role.SUPERVISOR, 2));
    Fixtures other = Fixtures.create(node.node().database().jdbi());
    outsiderToken = Http.agentToken(node.http(), other.addUser(Role.SUPERVISOR, 2));
    adminToken = Http.agentToken(node.http(), other.addUser(Role.ADMIN, 2));
    today = LocalDate.now(ZoneOffset.UTC).toString();
    try (Participant agent = Participant.agent(node.http(), node.ws(), worker);
        Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey)) {
      String chat = visitor.client().start(fixtures.queueId, Map.of("name", "Lena")).get()
          .conversationId();
      agent.client().setStatus("online").get();
      agent.await(ServerMessage.Assigned.class, a -> a.conversationId().equals(chat),
          Duration.ofSeconds(15));
      agent.client().accept(chat).get();
      // Online with the chat for more than a second, by the database's clock that stamps periods.
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
          .until(() -> onlineForOverASecond(worker.id()));
      agent.client().setStatus("away").get();
      agent.client().setStatus("offline").get();
    }
    try (Participant gone = Participant.agent(node.http(), node.ws(), leaver)) {
      gone.client().setStatus("away").get();
    }
  }

  @Test
  void statusChangesAreRecordedAndALostAgentGoesOffline() throws Exception {
    List<Map<String, Object>> worked = periods(worker.id());
    assertThat(worked).extracting(p -> p.get("status")).containsExactly("online", "away");
    assertThat(worked).extracting(p -> p.get("ended_by")).containsExactly("status", "status");
    // Nobody set the leaver offline: their connection closed and presence ran out.
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> periods(leaver.id()).get(0).get("ended_by") != null);
    assertThat(periods(leaver.id())).singleElement()
        .satisfies(p -> assertThat(p.get("ended_by")).isEqualTo("lost"));
  }

  @Test
  void aChatHeldOnlineIsConcurrencyAndOccupancy() throws Exception {
    JsonNode row = rows(adminToken, "agent=" + worker.id()).get(0);
    assertThat(row.get("agentId").asText()).isEqualTo(worker.id().toString());
    assertThat(row.get("name").asText()).isEqualTo(worker.name());
    assertThat(row.get("onlineSeconds").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(row.get("maxConcurrency").asInt()).isEqualTo(1);
    assertThat(row.get("occupancy").asDouble()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
    assertThat(row.get("averageConcurrency").asDouble()).isEqualTo(
        row.get("occupancy").asDouble());
    long total = row.get("onlineSeconds").asLong() + row.get("awaySeconds").asLong()
        + row.get("offlineSeconds").asLong();
    assertThat(total).isBetween(1L, Duration.between(began, Instant.now()).toSeconds() + 2);
    JsonNode idle = rows(adminToken, "agent=" + leaver.id()).get(0);
    assertThat(idle.get("maxConcurrency").asInt()).isZero();
    assertThat(idle.get("onlineSeconds").asLong()).isZero();
    assertThat(idle.get("occupancy").isNull()).isTrue();
    assertThat(idle.get("averageConcurrency").isNull()).isTrue();
  }

  @Test
  void eachRoleSeesItsScope() throws Exception {
    assertThat(rows(workerToken, "")).singleElement()
        .satisfies(r -> assertThat(r.get("agentId").asText()).isEqualTo(worker.id().toString()));
    expect(403, get(workerToken, "agent=" + leaver.id()));
    assertThat(rows(supervisorToken, "")).extracting(r -> r.get("agentId").asText())
        .contains(worker.id().toString(), leaver.id().toString());
    assertThat(rows(supervisorToken, "team=" + fixtures.teamId)).hasSizeGreaterThanOrEqualTo(2);
    expect(403, get(outsiderToken, "team=" + fixtures.teamId));
    expect(403, get(outsiderToken, "queue=" + fixtures.queueId));
    expect(403, get(outsiderToken, "agent=" + worker.id()));
    assertThat(rows(outsiderToken, "")).extracting(r -> r.get("agentId").asText())
        .doesNotContain(worker.id().toString());
    assertThat(rows(adminToken, "queue=" + fixtures.queueId)).extracting(
        r -> r.get("agentId").asText()).contains(worker.id().toString(), leaver.id().toString());
    assertThat(rows(adminToken, "site=" + fixtures.siteId + "&tz=Asia/Shanghai")).isNotEmpty();
    assertThat(Http.get(node.http(), "/v1/reports/agent-time?from=" + today + "&to=" + today,
        null).status()).isEqualTo(401);
  }

  @Test
  void badParametersAreRefused() throws Exception {
    for (String query : List.of("to=2026-01-01", "from=2026-01-01", "from=2026-13-01&to=2026-12-01",
        "from=2026-02-01&to=2026-01-31", "from=2024-01-01&to=2026-01-01",
        "from=2026-01-01&to=2026-01-02&tz=Mars/Olympus",
        "from=2026-01-01&to=2026-01-02&agent=nobody",
        "from=2026-01-01&to=2026-01-02&format=xml")) {
      Http.Reply reply = Http.get(node.http(), "/v1/reports/agent-time?" + query, adminToken);
      assertThat(reply.status()).as(query).isEqualTo(400);
      assertThat(reply.body().get("error").get("code").asText()).as(query).isEqualTo("bad_request");
    }
    expect(200, Http.get(node.http(),
        "/v1/reports/agent-time?from=2024-01-01&to=2025-12-31", adminToken));
  }

  @Test
  void theCsvIsUtf8WithABomAndAChineseHeader() throws Exception {
    HttpResponse<byte[]> reply = CLIENT.send(HttpRequest.newBuilder(node.http().resolve(
            "/v1/reports/agent-time?format=csv&lang=zh-CN&from=" + today + "&to=" + today
                + "&agent=" + worker.id()))
        .header("Authorization", "Bearer " + adminToken).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(reply.headers().firstValue("Content-Disposition")).hasValue(
        "attachment; filename=\"agent-time-" + today + "-" + today + ".csv\"");
    String text = new String(reply.body(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFF坐席 ID,姓名,在线时长（秒）");
    String[] lines = text.split("\r\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[1]).startsWith(worker.id() + "," + worker.name() + ",");
  }

  private static boolean onlineForOverASecond(UUID agent) {
    return node.node().database().jdbi().withHandle(h -> h.createQuery(
            "SELECT count(*) FROM agent_status_periods WHERE agent_id = :a AND ended_at IS NULL"
                + " AND status = 'online' AND clock_timestamp() - started_at > interval '1.1 s'")
        .bind("a", agent).mapTo(Long.class).one()) > 0;
  }

  private static List<Map<String, Object>> periods(UUID agent) {
    return node.node().database().jdbi().withHandle(h -> h.createQuery(
            "SELECT status, ended_by FROM agent_status_periods WHERE agent_id = :a"
                + " ORDER BY started_at, id")
        .bind("a", agent).mapToMap().list());
  }

  private static Http.Reply get(String token, String filters) throws Exception {
    return Http.get(node.http(), "/v1/reports/agent-time?from=" + today + "&to=" + today
        + (filters.isEmpty() ? "" : "&" + filters), token);
  }

  private static JsonNode rows(String token, String filters) throws Exception {
    return expect(200, get(token, filters)).get("rows");
  }
}
