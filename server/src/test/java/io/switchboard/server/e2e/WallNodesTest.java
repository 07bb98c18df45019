package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.NodeProcess;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The supervisor wall lists the live server nodes from the Redis node registry, each with its
 * address, heartbeat age and connection counts. Node A runs in this JVM; node B is a real process
 * with an agent connected. B is killed with SIGKILL and leaves the list once its registration's
 * TTL (2 s here) runs out; node C, stopped gracefully, leaves it at once.
 */
class WallNodesTest {
  private static final Map<String, String> SETTINGS = Map.of("SWITCHBOARD_PRESENCE_TTL_SECONDS", "2");

  @Test
  void theWallListsLiveNodesAndDropsAKilledOneAfterItsTtl() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String idA = "wall-a-" + suffix;
    String idB = "wall-b-" + suffix;
    String idC = "wall-c-" + suffix;
    try (TestNode nodeA = TestNode.start(with("SWITCHBOARD_NODE_ID", idA))) {
      Fixtures site = Fixtures.create(nodeA.node().database().jdbi());
      String supervisor = Http.agentToken(nodeA.http(), site.addUser(Role.SUPERVISOR, 1));
      Fixtures.Agent agent = site.addAgent(2);
      int portB = NodeProcess.freePort();
      TestNode nodeC = TestNode.start(with("SWITCHBOARD_NODE_ID", idC));
      boolean stoppedC = false;
      try (NodeProcess nodeB = NodeProcess.start(portB, with("SWITCHBOARD_NODE_ID", idB));
          Participant onB = Participant.agent(nodeB.http(), nodeB.ws(), agent)) {
        onB.client().setStatus("online").get();

        // B's card shows its address and the agent connected to it; the beat is recent.
        AtomicReference<JsonNode> seenB = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
          JsonNode nodes = wallNodes(nodeA, supervisor);
          assertThat(node(nodes, idA)).isNotNull();
          assertThat(node(nodes, idC)).isNotNull();
          JsonNode b = node(nodes, idB);
          assertThat(b).isNotNull();
          assertThat(b.path("staff").asInt()).isEqualTo(1);
          seenB.set(b);
        });
        JsonNode b = seenB.get();
        assertThat(b.path("address").asText()).isEqualTo("127.0.0.1:" + portB);
        assertThat(b.path("sessions").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(b.path("heartbeatAgeMillis").asLong()).isBetween(0L, 60_000L);
        assertThat(node(wallNodes(nodeA, supervisor), idA).path("address").asText())
            .isEqualTo("127.0.0.1:" + nodeA.port());

        // A graceful stop unregisters at once.
        nodeC.close();
        stoppedC = true;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(node(wallNodes(nodeA, supervisor), idC)).isNull());

        // SIGKILL: nobody unregisters B; it leaves the list when its TTL runs out.
        nodeB.kill();
        long killedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
            assertThat(node(wallNodes(nodeA, supervisor), idB)).isNull());
        System.out.printf("killed node left the wall after %d ms (TTL 2000 ms)%n",
            (System.nanoTime() - killedAt) / 1_000_000);
        assertThat(node(wallNodes(nodeA, supervisor), idA)).isNotNull();
      } finally {
        if (!stoppedC) {
          nodeC.close();
        }
      }
    }
  }

  @Test
  void agentsDoNotSeeTheWallOrItsNodes() throws Exception {
    try (TestNode nodeA = TestNode.start(SETTINGS)) {
      Fixtures site = Fixtures.create(nodeA.node().database().jdbi());
      String agent = Http.agentToken(nodeA.http(), site.addAgent(1));
      assertThat(Http.get(nodeA.http(), "/v1/wall", agent).status()).isEqualTo(403);
    }
  }

  private static Map<String, String> with(String key, String value) {
    Map<String, String> settings = new HashMap<>(SETTINGS);
    settings.put(key, value);
    return settings;
  }

  private static JsonNode wallNodes(TestNode node, String token) throws Exception {
    Http.Reply reply = Http.get(node.http(), "/v1/wall", token);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().get("nodes").isArray()).isTrue();
    return reply.body().get("nodes");
  }

  private static JsonNode node(JsonNode nodes, String id) {
    for (JsonNode node : nodes) {
      if (node.path("id").asText().equals(id)) {
        return node;
      }
    }
    return null;
  }
}
