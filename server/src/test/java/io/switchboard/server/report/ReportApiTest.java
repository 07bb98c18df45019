package io.switchboard.server.report;

import static io.switchboard.server.testing.Tickets.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.access.Role;
import io.switchboard.server.store.report.ReportFactDao;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.Tickets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/reports/*} over a real node: who sees what (admin everything, a supervisor their
 * teams, an agent their own figures), refusals of bad input, and the CSV downloads with their
 * byte order mark, file name and headers in both languages.
 */
class ReportApiTest extends NodeTest {
  private static String agentToken;
  private static String supervisorToken;
  private static String outsiderToken;
  private static String adminToken;
  private static Fixtures.Agent agent;
  private static Fixtures.Agent otherAgent;
  private static String range;

  @BeforeAll
  static void writeAChatAndATicket() throws Exception {
    agent = fixtures.addAgent(2);
    otherAgent = fixtures.addAgent(2);
    agentToken = Http.agentToken(node.http(), agent);
    supervisorToken = Http.agentToken(node.http(), fixtures.addUser(Role.SUPERVISOR, 2));
    Fixtures other = Fixtures.create(node.node().database().jdbi());
    outsiderToken = Http.agentToken(node.http(), other.addUser(Role.SUPERVISOR, 2));
    adminToken = Http.agentToken(node.http(), other.addUser(Role.ADMIN, 2));
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey)) {
      String chat = visitor.client().start(fixtures.queueId, Map.of("name", "王小明")).get()
          .conversationId();
      visitor.client().send(chat, "您好").get();
    }
    Tickets.open(node.http(), agentToken, fixtures.queueId, "Phone call about a refund");
    new ReportUpdater(new ReportFactDao(node.node().database().jdbi()), Clock.systemUTC(),
        Duration.ofSeconds(5)).runOnce();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    range = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
  }

  @Test
  void anAdminAndTheTeamsSupervisorSeeTheSitesChatAndTicket() throws Exception {
    for (String token : new String[] {adminToken, supervisorToken}) {
      JsonNode overview = get("/v1/reports/overview?" + range + "&site=" + fixtures.siteId, token);
      assertThat(overview.get("chats").get("started").asLong()).isEqualTo(1);
      assertThat(overview.get("chats").get("answered").asLong()).isZero();
      assertThat(overview.get("tickets").get("created").asLong()).isEqualTo(1);
      assertThat(overview.get("chats").get("firstResponse").get("count").asLong()).isZero();
      assertThat(overview.get("chats").get("firstResponse").get("median").isNull()).isTrue();
      assertThat(overview.get("timeZone").asText()).isEqualTo("UTC");
    }
    JsonNode team = get("/v1/reports/overview?" + range + "&team=" + fixtures.teamId,
        supervisorToken);
    assertThat(team.get("chats").get("started").asLong()).isEqualTo(1);
    JsonNode queues = get("/v1/reports/queues?" + range + "&site=" + fixtures.siteId, adminToken);
    assertThat(queues.get("rows")).hasSize(1);
    assertThat(queues.get("rows").get(0).get("queueId").asText()).isEqualTo(fixtures.queueId);
    assertThat(queues.get("rows").get(0).get("ticketsCreated").asLong()).isEqualTo(1);
  }

  @Test
  void aSupervisorIsRefusedOtherTeamsAndAnAgentOtherAgents() throws Exception {
    assertThat(status("/v1/reports/overview?" + range + "&team=" + fixtures.teamId,
        outsiderToken)).isEqualTo(403);
    assertThat(status("/v1/reports/queues?" + range + "&queue=" + fixtures.queueId,
        outsiderToken)).isEqualTo(403);
    JsonNode outsider = get("/v1/reports/overview?" + range + "&site=" + fixtures.siteId,
        outsiderToken);
    assertThat(outsider.get("chats").get("started").asLong()).isZero();
    assertThat(outsider.get("tickets").get("created").asLong()).isZero();
    assertThat(status("/v1/reports/agents?" + range + "&agent=" + otherAgent.id(), agentToken))
        .isEqualTo(403);
    JsonNode own = get("/v1/reports/overview?" + range + "&site=" + fixtures.siteId, agentToken);
    assertThat(own.get("chats").get("started").asLong()).isZero();
    assertThat(status("/v1/reports/overview?" + range, null)).isEqualTo(401);
  }

  @Test
  void badInputIsRefusedWithBadRequest() throws Exception {
    String[] bad = {"/v1/reports/overview", "/v1/reports/overview?from=2026-13-01&to=2026-12-01",
        "/v1/reports/overview?from=2026-11-02&to=2026-11-01",
        "/v1/reports/overview?from=2024-01-01&to=2026-01-01",
        "/v1/reports/overview?" + "from=2026-11-01&to=2026-11-30&tz=Mars/Olympus",
        "/v1/reports/overview?from=2026-11-01&to=2026-11-30&channel=fax",
        "/v1/reports/overview?from=2026-11-01&to=2026-11-30&agent=nobody",
        "/v1/reports/trend?from=2026-11-01&to=2026-11-30&interval=year",
        "/v1/reports/heatmap?from=2026-11-01&to=2026-11-30&measure=rated",
        "/v1/reports/csat?from=2026-11-01&to=2026-11-30&cursor=nonsense",
        "/v1/reports/overview?from=2026-11-01&to=2026-11-30&format=xml",
        "/v1/reports/overview?from=2026-11-01&to=2026-11-30&format=csv&lang=fr"};
    for (String path : bad) {
      Http.Reply reply = Http.get(node.http(), path, adminToken);
      assertThat(reply.status()).as(path).isEqualTo(400);
      assertThat(reply.body().get("error").get("code").asText()).as(path).isEqualTo("bad_request");
    }
  }

  @Test
  void everyViewAnswersWithItsShape() throws Exception {
    String site = range + "&site=" + fixtures.siteId + "&tz=Asia/Shanghai";
    JsonNode trend = get("/v1/reports/trend?" + site + "&interval=day", adminToken);
    assertThat(trend.get("buckets")).hasSize(3);
    long started = 0;
    for (JsonNode bucket : trend.get("buckets")) {
      started += bucket.get("chatsStarted").asLong();
    }
    assertThat(started).isEqualTo(1);
    assertThat(get("/v1/reports/heatmap?" + site, adminToken).get("cells")).hasSize(168);
    assertThat(get("/v1/reports/sla?" + site, adminToken).get("rows").isArray()).isTrue();
    JsonNode csat = get("/v1/reports/csat?" + site, adminToken);
    assertThat(csat.get("summary").get("byScore")).hasSize(5);
    assertThat(csat.get("nextCursor").isNull()).isTrue();
    assertThat(get("/v1/reports/agents?" + site, adminToken).get("rows").isArray()).isTrue();
    JsonNode today = get("/v1/reports/today?site=" + fixtures.siteId, supervisorToken);
    assertThat(today.get("live").get("queued").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(today.get("overview").get("chats")).isNotNull();
    JsonNode definitions = get("/v1/reports/definitions", agentToken);
    assertThat(definitions.get("metrics").findValuesAsText("id")).contains("chat.first_response");
  }

  @Test
  void csvDownloadsHaveAByteOrderMarkAFileNameAndLocalizedHeaders() throws Exception {
    String path = "/v1/reports/overview?from=2026-11-01&to=2026-11-30&format=csv";
    HttpResponse<byte[]> english = raw(path, adminToken);
    assertThat(english.statusCode()).isEqualTo(200);
    assertThat(english.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(english.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"overview-2026-11-01-2026-11-30.csv\"");
    byte[] body = english.body();
    assertThat(new byte[] {body[0], body[1], body[2]})
        .isEqualTo(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    String text = new String(body, StandardCharsets.UTF_8).substring(1);
    assertThat(text).startsWith("metric,name,value,count,average,median,p90\r\n");
    assertThat(text).contains("chat.first_response,First response time,");
    String chinese = new String(raw(path + "&lang=zh-CN", adminToken).body(),
        StandardCharsets.UTF_8).substring(1);
    assertThat(chinese).startsWith("指标,名称,数值,数量,平均值,中位数,P90\r\n");
    assertThat(chinese).contains("chat.first_response,首次响应时间,");
    String queues = new String(raw("/v1/reports/queues?" + range + "&site=" + fixtures.siteId
        + "&format=csv&lang=zh-CN", adminToken).body(), StandardCharsets.UTF_8);
    assertThat(queues).contains("队列 ID").contains(fixtures.queueId);
  }

  private static JsonNode get(String path, String token) throws Exception {
    return expect(200, Http.get(node.http(), path, token));
  }

  private static int status(String path, String token) throws Exception {
    return Http.get(node.http(), path, token).status();
  }

  private static HttpResponse<byte[]> raw(String path, String token) throws Exception {
    URI base = node.http();
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
