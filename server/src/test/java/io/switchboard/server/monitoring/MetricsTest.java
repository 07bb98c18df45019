package io.switchboard.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.protocol.ServerMessage;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeTest;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} on a real node after real traffic: a chat of known length, a failed and a
 * successful sign-in, a refused visitor token. The families the README lists exist with sane
 * values (messages in grows by exactly the messages sent), no label value looks like an id, and
 * the alert rules and the dashboard name only metrics the node exposes.
 */
class MetricsTest extends NodeTest {
  /** UUIDs, long hex strings or long numbers: what a per-conversation/user/session label holds. */
  private static final Pattern ID_LIKE = Pattern.compile(
      "(?i).*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,}|\\d{7,}).*");
  private static final int SENT = 7;
  private static Scrape before;
  private static Scrape after;
  /** Messages the availability probe (a visitor too) sent between the two scrapes. */
  private static long probeMessages;

  @BeforeAll
  static void traffic() throws Exception {
    Instant from = databaseNow();
    before = Scrape.of(node.http(), null);
    Fixtures.Agent account = fixtures.addAgent(3);
    assertThat(Http.post(node.http(), "/v1/agents/login", "{\"email\":\"" + account.email()
        + "\",\"password\":\"wrong password\"}").status()).isEqualTo(401);
    try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey);
        Participant agent = Participant.agent(node.http(), node.ws(), account)) {
      String conversationId = visitor.client().start(fixtures.queueId, Map.of()).get()
          .conversationId();
      agent.client().setStatus("online").get();
      agent.await(ServerMessage.Assigned.class);
      agent.client().accept(conversationId).get();
      List<CompletableFuture<ServerMessage.Ack>> acks = new ArrayList<>();
      for (int i = 0; i < SENT; i++) {
        acks.add(i % 2 == 0 ? visitor.client().send(conversationId, "question " + i)
            : agent.client().send(conversationId, "answer " + i));
      }
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> agent.messages(conversationId).size() == SENT
              && visitor.messages(conversationId).size() == SENT);
      after = Scrape.of(node.http(), null);
      probeMessages = node.node().database().jdbi().withHandle(handle -> handle.createQuery("""
              SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
              WHERE c.site_id = 'switchboard-probe' AND m.sender_role <> 'system'
                AND m.created_at BETWEEN :from AND clock_timestamp()""")
          .bind("from", from).mapTo(Long.class).one());
      agent.client().close(conversationId, "resolved").get();
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "metrics-sample.txt"), after.text());
  }

  @Test
  void messagesInGrowByTheMessagesSentAndOutByAtLeastTheirDeliveries() {
    double in = after.sum("switchboard_messages_in_total") - before.sum("switchboard_messages_in_total");
    assertThat(in).as("sent, and %s from the availability probe", probeMessages)
        .isEqualTo(SENT + probeMessages);
    double out = after.sum("switchboard_messages_out_total")
        - before.sum("switchboard_messages_out_total");
    assertThat(out).as("each message reached both sides").isGreaterThanOrEqualTo(2.0 * SENT);
  }

  @Test
  void theListedFamiliesExistWithSaneValues() {
    assertThat(after.sum("switchboard_sessions", "role", "visitor")).isGreaterThanOrEqualTo(1);
    assertThat(after.sum("switchboard_sessions", "role", "agent")).isGreaterThanOrEqualTo(1);
    assertThat(after.sum("switchboard_connections_open")).isGreaterThanOrEqualTo(2);
    assertThat(after.sum("switchboard_connections_accepted_total")).isGreaterThanOrEqualTo(2);
    assertThat(after.sum("switchboard_network_read_bytes_total")).isPositive();
    assertThat(after.sum("switchboard_network_written_bytes_total")).isPositive();
    double batches = after.sum("switchboard_message_batch_size_messages_count")
        - before.sum("switchboard_message_batch_size_messages_count");
    double batched = after.sum("switchboard_message_batch_size_messages_sum")
        - before.sum("switchboard_message_batch_size_messages_sum");
    assertThat(batches).isBetween(1.0, (double) SENT + probeMessages);
    assertThat(batched).isEqualTo(SENT + probeMessages);
    assertThat(after.sum("switchboard_message_commit_seconds_count")
        - before.sum("switchboard_message_commit_seconds_count")).isEqualTo(batches);
    assertThat(after.sum("switchboard_message_commit_seconds_sum")).isPositive();
    assertThat(after.sum("switchboard_routing_assignments_total")
        - before.sum("switchboard_routing_assignments_total")).isEqualTo(1);
    assertThat(after.sum("switchboard_routing_queued")).isGreaterThanOrEqualTo(0);
    assertThat(after.sum("switchboard_routing_longest_wait_seconds")).isGreaterThanOrEqualTo(0);
    assertThat(after.sum("switchboard_sla_clocks_at_risk")).isGreaterThanOrEqualTo(0);
    assertThat(after.sum("switchboard_sla_events_last_hour", "kind", "breached"))
        .isGreaterThanOrEqualTo(0);
    assertThat(after.sum("switchboard_mail_outbox_queued")).isGreaterThanOrEqualTo(0);
    assertThat(after.sum("switchboard_webhook_backlog")).isGreaterThanOrEqualTo(0);
    assertThat(after.sum("switchboard_logins_total", "outcome", "failed")).isGreaterThanOrEqualTo(1);
    assertThat(after.sum("switchboard_logins_total", "outcome", "succeeded"))
        .isGreaterThanOrEqualTo(1);
    assertThat(after.sum("switchboard_login_lockouts_total", "target", "account")).isZero();
    assertThat(after.sum("hikaricp_connections_acquire_seconds_count")).isPositive();
    assertThat(after.sum("hikaricp_connections_pending")).isGreaterThanOrEqualTo(0);
    assertThat(after.sum("lettuce_command_completion_seconds_count", "command", "EVALSHA"))
        .isPositive();
    assertThat(after.sum("jvm_memory_used_bytes")).isPositive();
    assertThat(after.sum("process_uptime_seconds")).isPositive();
    assertThat(after.sum("jvm_threads_live_threads")).isPositive();
  }

  @Test
  void noLabelValueLooksLikeAnId() {
    for (Scrape.Sample sample : after.samples()) {
      // The node's own id is one value per node (bounded), though its random part may happen to
      // be all digits: the id part of "node-<8 hex>" is left out of the check.
      sample.labels().forEach((label, value) -> assertThat(label.equals("node")
              ? value.replaceFirst("^node-[0-9a-f]{8}$", "node") : value)
          .as("label %s of %s", label, sample.name()).doesNotMatch(ID_LIKE));
    }
    long series = after.samples().size();
    assertThat(series).as("series stay few").isLessThan(1500);
  }

  @Test
  void theAlertRulesAndTheDashboardNameOnlyExposedMetrics() throws Exception {
    Path deploy = Path.of("..", "deploy");
    for (Path file : List.of(deploy.resolve("prometheus/alerts.yml"),
        deploy.resolve("grafana/switchboard.json"))) {
      List<String> referenced = MetricNames.referencedIn(Files.readString(file));
      assertThat(referenced).as(file.toString()).isNotEmpty();
      assertThat(after.names()).as("metrics %s references", file).containsAll(referenced);
    }
  }

  @Test
  void aTokenGuardsMetricsFromEveryoneAndRefusalsAreCounted() throws Exception {
    String token = "metrics-token-for-the-test";
    try (TestNode guarded = TestNode.start(Map.of("SWITCHBOARD_METRICS_TOKEN", token,
        "SWITCHBOARD_RATE_VISITOR_TOKENS", "1/60", "SWITCHBOARD_TRUSTED_PROXIES", "127.0.0.1"))) {
      assertThat(status(guarded.http(), null)).isEqualTo(401);
      assertThat(status(guarded.http(), "not-the-token")).isEqualTo(401);
      // An address of its own, so that no other test's tokens count against this bucket.
      Map<String, String> from = Map.of("X-Forwarded-For",
          "198.51." + (int) (Math.random() * 250) + "." + (int) (1 + Math.random() * 250));
      String body = "{\"siteKey\":\"" + fixtures.siteKey + "\"}";
      assertThat(Http.post(guarded.http(), "/v1/visitors", body, from).status()).isEqualTo(200);
      assertThat(Http.post(guarded.http(), "/v1/visitors", body, from).status()).isEqualTo(429);
      Scrape scrape = Scrape.of(guarded.http(), token);
      assertThat(scrape.sum("switchboard_rate_limit_refusals_total", "limit", "visitor-tokens"))
          .isEqualTo(1);
    }
    try (TestNode proxied = TestNode.start(Map.of("SWITCHBOARD_TRUSTED_PROXIES", "127.0.0.1"))) {
      HttpResponse<String> remote = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              proxied.http().resolve("/metrics")).header("X-Forwarded-For", "203.0.113.9").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(remote.statusCode()).as("a client beyond the proxy, no token set").isEqualTo(403);
      assertThat(status(proxied.http(), null)).as("loopback").isEqualTo(200);
    }
  }

  private static Instant databaseNow() {
    return node.node().database().jdbi().withHandle(handle ->
        handle.createQuery("SELECT clock_timestamp()").mapTo(Instant.class).one());
  }

  private static int status(URI base, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/metrics"));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }
}
