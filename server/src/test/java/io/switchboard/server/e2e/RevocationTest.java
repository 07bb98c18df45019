package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Cycles;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.RawSocket;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.TwoNodeTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing out reaches every node, within five seconds, and only the sessions it should: a logout
 * on node A closes (4001) the same token's socket on node B, leaves the user's other logins
 * working unless it says "everywhere", a new password closes the user's other logins' sockets and
 * keeps its own, and disabling a user closes all their sockets. When the broadcast is lost, each
 * node's sweep still closes a revoked session. Before, a socket on another node kept working after
 * logout, and a logout closed the user's other logins on its own node.
 */
class RevocationTest extends TwoNodeTest {
  private static final Duration WITHIN = Duration.ofSeconds(5);

  @BeforeAll
  static void start() throws Exception {
    // Node A sweeps only once a minute, so what closes its sockets in time is the broadcast.
    startNodes(
        Map.of("SWITCHBOARD_NODE_ID", "revoke-a", "SWITCHBOARD_REVOCATION_SWEEP_MS", "60000"),
        Map.of("SWITCHBOARD_NODE_ID", "revoke-b", "SWITCHBOARD_REVOCATION_SWEEP_MS", "300"));
  }

  @Test
  void aLogoutOnOneNodeClosesThatTokensSocketOnAnother() throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(2);
    String token = Http.agentToken(nodeB.http(), agent);
    try (RawSocket socket = connected(nodeA, token)) {
      assertThat(logout(nodeB, token, null).status()).isEqualTo(204);
      assertThat(socket.closeCode(WITHIN)).isEqualTo(4001);
    }
    assertThat(handshake(nodeA, token)).isEqualTo(401);
    assertThat(Http.get(nodeA.http(), "/v1/me", token).status()).isEqualTo(401);
  }

  @Test
  void aLogoutSignsOutItsOwnTokenOnlyUnlessItSaysEverywhere() throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(2);
    String first = Http.agentToken(nodeA.http(), agent);
    String second = Http.agentToken(nodeA.http(), agent);
    try (RawSocket one = connected(nodeA, first); RawSocket two = connected(nodeA, second);
        RawSocket twoElsewhere = connected(nodeB, second)) {
      assertThat(logout(nodeA, first, null).status()).isEqualTo(204);
      assertThat(one.closeCode(WITHIN)).isEqualTo(4001);
      assertStillWorks(two);
      assertThat(Http.get(nodeA.http(), "/v1/me", second).status()).isEqualTo(200);

      assertThat(logout(nodeB, second, "{\"everywhere\":true}").status()).isEqualTo(204);
      assertThat(two.closeCode(WITHIN)).isEqualTo(4001);
      assertThat(twoElsewhere.closeCode(WITHIN)).isEqualTo(4001);
    }
    assertThat(logout(nodeA, Http.agentToken(nodeA.http(), agent), "{\"everywhere\":7}").status())
        .isEqualTo(400);
  }

  @Test
  void disablingAUserClosesTheirSocketsOnEveryNode() throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(2);
    String admin = Http.agentToken(nodeA.http(), fixtures.addUser(Role.ADMIN, 3));
    String tokenA = Http.agentToken(nodeA.http(), agent);
    String tokenB = Http.agentToken(nodeB.http(), agent);
    try (RawSocket onA = connected(nodeA, tokenA); RawSocket onB = connected(nodeB, tokenB)) {
      assertThat(Http.call("POST", nodeB.http(), "/v1/admin/users/" + agent.id() + "/disable",
          admin, "{}").status()).isEqualTo(200);
      assertThat(onA.closeCode(WITHIN)).isEqualTo(4001);
      assertThat(onB.closeCode(WITHIN)).isEqualTo(4001);
    }
    assertThat(Http.post(nodeB.http(), "/v1/agents/login", "{\"email\":\"" + agent.email()
        + "\",\"password\":\"" + agent.password() + "\"}").status()).isEqualTo(401);
    assertThat(Http.call("POST", nodeB.http(), "/v1/admin/users/" + agent.id() + "/enable",
        admin, "{}").status()).isEqualTo(200);
    // Enabling lets the user sign in again; the logins that disabling revoked stay revoked.
    for (TestNode node : new TestNode[] {nodeA, nodeB}) {
      for (String old : new String[] {tokenA, tokenB}) {
        assertThat(handshake(node, old)).isEqualTo(401);
        assertThat(Http.get(node.http(), "/v1/me", old).status()).isEqualTo(401);
      }
    }
    assertThat(Http.agentToken(nodeB.http(), agent)).isNotBlank();
  }

  @Test
  void aNewPasswordClosesTheOtherLoginsSocketsOnEveryNodeAndKeepsItsOwn() throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(2);
    String keeper = Http.agentToken(nodeA.http(), agent);
    String other = Http.agentToken(nodeA.http(), agent);
    // Both sockets are on node A, which sweeps once a minute: only the broadcast from node B,
    // where the password changes, can close the other login's socket in time.
    try (RawSocket kept = connected(nodeA, keeper); RawSocket signedOut = connected(nodeA, other)) {
      assertThat(Http.call("POST", nodeB.http(), "/v1/me/password", keeper,
          "{\"currentPassword\":\"" + agent.password()
              + "\",\"newPassword\":\"a brand new passphrase\"}").status()).isEqualTo(204);
      assertThat(signedOut.closeCode(WITHIN)).isEqualTo(4001);
      assertStillWorks(kept);
    }
    assertThat(handshake(nodeA, other)).isEqualTo(401);
    assertThat(Http.get(nodeA.http(), "/v1/me", keeper).status()).isEqualTo(200);
  }

  @Test
  void theSweepClosesASessionWhoseRevocationWasNeverBroadcast() throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(2);
    String token = Http.agentToken(nodeB.http(), agent);
    try (RawSocket socket = connected(nodeB, token)) {
      // Revoked behind every node's back: no broadcast, only the database knows.
      nodeA.node().database().jdbi().useHandle(handle -> handle.createUpdate(
          "UPDATE agent_tokens SET revoked_at = now() WHERE user_id = :user")
          .bind("user", agent.id()).execute());
      Cycles.awaitWholeCycle(nodeB.node().revocationSweepCycles());
      assertThat(socket.closeCode(WITHIN)).isEqualTo(4001);
    }
  }

  /** The socket is open and answers a command. */
  private static void assertStillWorks(RawSocket socket) throws Exception {
    String id = UUID.randomUUID().toString();
    socket.sendText("{\"type\":\"status\",\"id\":\"" + id + "\",\"status\":\"away\"}");
    assertThat(socket.answer(id)).contains("\"type\":\"ok\"");
    assertThat(socket.closed()).isFalse();
  }

  private static RawSocket connected(TestNode node, String token) throws Exception {
    RawSocket socket = RawSocket.connect(node.ws(), token);
    socket.next("welcome");
    return socket;
  }

  private static Http.Reply logout(TestNode node, String token, String body) throws Exception {
    return Http.call("POST", node.http(), "/v1/agents/logout", token, body);
  }

  private static int handshake(TestNode node, String token) {
    try {
      HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("switchboard.v1.json")
          .buildAsync(URI.create(node.ws() + "?token=" + token), new WebSocket.Listener() {})
          .join().abort();
      return 101;
    } catch (CompletionException e) {
      return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }
  }
}
