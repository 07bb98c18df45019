package io.switchboard.server.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.access.Role;
import io.switchboard.server.store.availability.ProbeResult;
import io.switchboard.server.store.availability.ProbeResultDao;
import io.switchboard.server.store.availability.ProbeTrafficPurge;
import io.switchboard.server.store.site.Site;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.MutableClock;
import io.switchboard.server.testing.NodeTest;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The probe against a real node: a visitor's whole round trip through the node's WebSocket
 * (token, start, send and ack, read back by resume, close) recorded as a success; an address
 * where nothing listens recorded as a failure with the step and the reason; one result per node
 * and minute; the node's own timer probing by itself; probe traffic out of every list, and
 * purged once it is a day old.
 */
class VisitorProbeTest extends NodeTest {
  private static Jdbi jdbi() {
    return node.node().database().jdbi();
  }

  private static ProbeScheduler scheduler(URI address, String nodeId, MutableClock clock) {
    return new ProbeScheduler(new VisitorProbe(() -> address, Duration.ofSeconds(10))::run,
        new ProbeResultDao(jdbi()), new ProbeTrafficPurge(jdbi()), nodeId, clock);
  }

  @Test
  void aProbeThroughTheNodesWebSocketIsRecordedAsASuccessOncePerMinute() {
    String nodeId = "probe-" + UUID.randomUUID();
    MutableClock clock = new MutableClock(Instant.now());
    ProbeScheduler probes = scheduler(node.http(), nodeId, clock);
    ProbeResult first = probes.probeNow();
    assertThat(first.ok()).as(String.valueOf(first.failure())).isTrue();
    assertThat(first.failure()).isNull();
    probes.probeNow();
    List<ProbeResult> stored = stored(nodeId);
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).ok()).isTrue();
    assertThat(stored.get(0).minute()).isEqualTo(first.minute());
    // The conversation it held is closed, on the probe site, with the message read back.
    Map<String, Object> conversation = jdbi().withHandle(handle -> handle.createQuery("""
            SELECT c.status, c.site_id, c.agent_id, c.last_seq FROM conversations c
            WHERE c.site_id = :probe ORDER BY c.created_at DESC LIMIT 1""")
        .bind("probe", Site.PROBE_SITE_ID).mapToMap().one());
    assertThat(conversation).containsEntry("status", "closed").containsEntry("last_seq", 1L);
    assertThat(conversation.get("agent_id")).isNull();
    clock.set(clock.instant().plusSeconds(60));
    assertThat(probes.probeNow().ok()).isTrue();
    assertThat(stored(nodeId)).hasSize(2);
  }

  @Test
  void anAddressWhereNothingListensIsRecordedAsAFailureWithItsReason() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String nodeId = "probe-" + UUID.randomUUID();
    ProbeResult result = scheduler(URI.create("http://127.0.0.1:" + port), nodeId,
        new MutableClock(Instant.now())).probeNow();
    assertThat(result.ok()).isFalse();
    assertThat(result.failure()).startsWith("visitor token: ").contains("ConnectException");
    assertThat(stored(nodeId)).singleElement()
        .satisfies(row -> assertThat(row.failure()).isEqualTo(result.failure()));
  }

  @Test
  void theNodeProbesItselfOnItsOwnTimer() {
    Instant since = Instant.now().minusSeconds(1);
    await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat((long) jdbi().withHandle(
        handle -> handle.createQuery("SELECT count(*) FROM availability_probes"
                + " WHERE ok AND probed_at >= :since AND node_id NOT LIKE 'probe-%'")
            .bind("since", java.time.OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC))
            .mapTo(Long.class).one())).isPositive());
  }

  @Test
  void probeTrafficIsInNoListAndIsPurgedAfterADay() throws Exception {
    String nodeId = "probe-" + UUID.randomUUID();
    ProbeScheduler probes = scheduler(node.http(), nodeId, new MutableClock(Instant.now()));
    assertThat(probes.probeNow().ok()).isTrue();
    String admin = Http.agentToken(node.http(), fixtures.addUser(Role.ADMIN, 2));
    assertThat(ids(Http.get(node.http(), "/v1/admin/sites", admin).body()))
        .doesNotContain(Site.PROBE_SITE_ID).contains(fixtures.siteId);
    assertThat(Http.get(node.http(), "/v1/admin/queues", admin).body().toString())
        .doesNotContain(Site.PROBE_SITE_ID);
    assertThat(Http.get(node.http(), "/v1/wall", admin).body().toString())
        .doesNotContain(Site.PROBE_SITE_ID);
    assertThat(Http.get(node.http(), "/v1/contacts?limit=500", admin).body().toString())
        .doesNotContain(Site.PROBE_SITE_ID);
    // Age the closed probe conversations and their contacts by two days (the node's own timer
    // may be probing right now: its conversation is left alone); the purge takes them all.
    List<Map<String, Object>> aged = jdbi().withHandle(handle -> handle.createQuery("""
            UPDATE conversations SET created_at = created_at - interval '2 days'
            WHERE site_id = :probe AND status = 'closed' RETURNING id, contact_id""")
        .bind("probe", Site.PROBE_SITE_ID).mapToMap().list());
    assertThat(aged).isNotEmpty();
    List<Object> conversations = aged.stream().map(row -> row.get("id")).toList();
    List<Object> contacts = aged.stream().map(row -> row.get("contact_id")).toList();
    jdbi().useHandle(handle -> handle.createUpdate(
            "UPDATE contacts SET created_at = created_at - interval '2 days' WHERE id = ANY(:ids)")
        .bindArray("ids", UUID.class, contacts.toArray()).execute());
    probes.purgeOld(Instant.now().minus(ProbeScheduler.KEEP));
    assertThat(remaining("SELECT count(*) FROM conversations WHERE id = ANY(:ids)", conversations))
        .isZero();
    assertThat(remaining("SELECT count(*) FROM messages WHERE conversation_id = ANY(:ids)",
        conversations)).isZero();
    assertThat(remaining("SELECT count(*) FROM contacts WHERE id = ANY(:ids)", contacts)).isZero();
    // Other sites' conversations stay.
    assertThat((long) jdbi().withHandle(handle -> handle.createQuery(
        "SELECT count(*) FROM sites WHERE id = :site").bind("site", fixtures.siteId)
        .mapTo(Long.class).one())).isEqualTo(1);
  }

  private static long remaining(String sql, List<Object> ids) {
    return jdbi().withHandle(handle -> handle.createQuery(sql)
        .bindArray("ids", UUID.class, ids.toArray()).mapTo(Long.class).one());
  }

  private static List<String> ids(JsonNode sites) {
    JsonNode list = sites.isArray() ? sites : sites.path("sites");
    List<String> ids = new java.util.ArrayList<>();
    list.forEach(site -> ids.add(site.path("id").asText()));
    return ids;
  }

  private static List<ProbeResult> stored(String nodeId) {
    return new ProbeResultDao(jdbi()).all(Instant.EPOCH, Instant.now().plusSeconds(3600))
        .stream().filter(row -> row.nodeId().equals(nodeId)).toList();
  }
}
