package io.switchboard.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Imports, jobs, exports and transcripts over REST on a running node: who may do what, a dry run
 * then an import with progress to done, the refused rows and export files as downloads with a
 * byte order mark, transcripts as CSV and printable HTML, and the audit entries.
 */
class ExchangeRestTest extends NodeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static String admin;
  private static String supervisor;
  private static String agent;

  @BeforeAll
  static void tokens() throws Exception {
    admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 2));
    supervisor = Http.agentToken(node.http(), fixtures.addUser(Role.SUPERVISOR, 2));
    agent = Http.agentToken(node.http(), fixtures.addAgent(2));
  }

  private static String body(String content, String format, boolean dryRun) {
    return JSON.createObjectNode().put("siteId", fixtures.siteId).put("format", format)
        .put("content", content).put("dryRun", dryRun).toString();
  }

  private static JsonNode done(String token, Http.Reply started) throws Exception {
    assertThat(started.status()).as(String.valueOf(started.body())).isEqualTo(201);
    String id = started.body().get("jobId").asText();
    return await().atMost(Duration.ofSeconds(30)).until(
        () -> Http.get(node.http(), "/v1/jobs/" + id, token).body(),
        job -> !job.get("state").asText().equals("running"));
  }

  private static HttpResponse<byte[]> download(String path, String token) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(node.http() + path))
        .header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void anAdminDryRunsThenImportsAndDownloadsTheRefusedRows() throws Exception {
    String csv = "email,name,stage\nmei@example.cn,王美,lead\nbroken,Bad,lead\n";
    assertThat(Http.call("POST", node.http(), "/v1/imports/contacts", agent,
        body(csv, "csv", true)).status()).isEqualTo(403);
    assertThat(Http.call("POST", node.http(), "/v1/imports/contacts", admin,
        body("email\n", "xml", true)).status()).isEqualTo(400);

    JsonNode dry = done(admin, Http.call("POST", node.http(), "/v1/imports/contacts", admin,
        body(csv, "csv", true)));
    assertThat(dry.get("state").asText()).isEqualTo("done");
    assertThat(dry.get("rowsDone").asInt()).isEqualTo(2);
    assertThat(dry.get("rows").get(0).get("outcome").asText()).isEqualTo("created");
    assertThat(dry.get("rows").get(1).get("reason").asText()).startsWith("invalid_email");

    JsonNode job = done(admin, Http.call("POST", node.http(), "/v1/imports/contacts", admin,
        body(csv, "csv", false)));
    assertThat(job.get("counts").get("created").asInt()).isEqualTo(1);
    HttpResponse<byte[]> refused = download("/v1/jobs/" + job.get("id").asText()
        + "/refused.csv", admin);
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(new String(refused.body(), StandardCharsets.UTF_8))
        .startsWith("\uFEFFemail,name,stage,reason").contains("broken,Bad,lead,invalid_email");
    assertThat(Http.get(node.http(), "/v1/jobs/" + job.get("id").asText(), supervisor)
        .status()).isEqualTo(404);
    awaitAudit("import.contacts", job.get("id").asText());
  }

  @Test
  void importedTranscriptsExportAndPrint() throws Exception {
    String transcripts = """
        [{"id": "rest-1", "contact": {"email": "zhao@example.cn", "name": "赵雷"},
          "agent": "Old Agent", "started": "2025-01-02T03:00:00Z",
          "closed": "2025-01-02T03:10:00Z", "disposition": "solved",
          "messages": [{"at": "2025-01-02T03:01:00Z", "author": "visitor", "text": "退款"},
                       {"at": "2025-01-02T03:02:00Z", "author": "agent", "text": "好的"}]}]""";
    JsonNode job = done(admin, Http.call("POST", node.http(), "/v1/imports/transcripts", admin,
        body(transcripts, "json", false)));
    assertThat(job.get("counts").get("created").asInt()).isEqualTo(1);

    assertThat(Http.call("POST", node.http(), "/v1/exports/conversations", agent, "{}")
        .status()).isEqualTo(403);
    assertThat(Http.call("POST", node.http(), "/v1/exports/contacts", supervisor,
        "{\"siteId\":\"" + fixtures.siteId + "\"}").status()).isEqualTo(403);
    JsonNode export = done(supervisor, Http.call("POST", node.http(),
        "/v1/exports/conversations", supervisor, "{\"siteId\":\"" + fixtures.siteId
            + "\",\"from\":\"2025-01-01T00:00:00Z\",\"to\":\"2025-01-03T00:00:00Z\"}"));
    HttpResponse<byte[]> file = download("/v1/jobs/" + export.get("id").asText() + "/file",
        supervisor);
    String csv = new String(file.body(), StandardCharsets.UTF_8);
    assertThat(csv).startsWith("\uFEFFid,site").contains("赵雷", "rest-1");
    String conversation = csv.lines().skip(1).findFirst().orElseThrow().split(",")[0];
    awaitAudit("export.conversations", export.get("id").asText());

    HttpResponse<byte[]> page = download("/v1/conversations/" + conversation
        + "/transcript.html?lang=zh-CN", admin);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("退款", "好的",
        "Old Agent (客服)", "处理结果", "solved");
    assertThat(new String(download("/v1/conversations/" + conversation + "/transcript.csv",
        admin).body(), StandardCharsets.UTF_8)).startsWith("\uFEFFseq,time").contains("退款");
    // Reading follows the conversation's rules: an agent of the queue's team may, nobody else.
    assertThat(download("/v1/conversations/" + conversation + "/transcript.csv", agent)
        .statusCode()).isEqualTo(200);
    assertThat(download("/v1/conversations/" + conversation + "/transcript.csv", "nope")
        .statusCode()).isEqualTo(401);
  }

  private static void awaitAudit(String action, String job) {
    await().atMost(Duration.ofSeconds(10)).until(() -> node.node().database().jdbi()
        .withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE action = :action"
            + " AND target_id = :job").bind("action", action).bind("job", job)
            .mapTo(Integer.class).one()) == 1);
  }
}
