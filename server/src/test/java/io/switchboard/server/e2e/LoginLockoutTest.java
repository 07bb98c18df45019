package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.server.access.Role;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.TwoNodeTest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Password guessing is locked out across nodes: 50 parallel wrong passwords for one account,
 * spread over two nodes, reach the password check at most five times (the limit); the rest, and
 * then the right password, are refused with 429 and when to try again. An unknown email is
 * answered exactly alike. An admin unlocks an account; a lock also ends by itself. Before, all 50
 * got 401 and the right password then worked.
 */
class LoginLockoutTest extends TwoNodeTest {

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> settings = Map.of("SWITCHBOARD_LOGIN_ACCOUNT_ATTEMPTS", "5",
        "SWITCHBOARD_LOGIN_LOCK_SECONDS", "8");
    startNodes(settings, settings);
  }

  @Test
  void fiftyParallelGuessesOverTwoNodesLockTheAccountAndUnknownEmailsLookTheSame()
      throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(1);
    Map<Integer, Integer> known = guessInParallel(agent.email(), 50);
    Map<Integer, Integer> unknown = guessInParallel("nobody-" + UUID.randomUUID() + "@example.test", 50);

    assertThat(known.getOrDefault(401, 0)).as("guesses that reached the password check")
        .isBetween(1, 5);
    assertThat(known.getOrDefault(401, 0) + known.getOrDefault(429, 0)).isEqualTo(50);
    assertThat(unknown).as("an unknown email answers exactly alike").isEqualTo(known);

    Http.Reply locked = login(nodeB, agent.email(), agent.password());
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.body().path("error").path("code").asText()).isEqualTo("rate_limited");
    assertThat(locked.body().path("error").path("retryAfterMs").asLong()).isPositive();

    // The lock ends by itself (eight seconds here: long enough for the checks above on a busy
    // machine), and the right password works again.
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
        login(nodeA, agent.email(), agent.password()).status() == 200);
  }

  @Test
  void anAdminUnlocksAnAccountAndNobodyElseMay() throws Exception {
    Fixtures.Agent agent = fixtures.addAgent(1);
    String admin = Http.agentToken(nodeA.http(), fixtures.addUser(Role.ADMIN, 3));
    String supervisor = Http.agentToken(nodeA.http(), fixtures.addUser(Role.SUPERVISOR, 3));
    String otherAgent = Http.agentToken(nodeA.http(), fixtures.addUser(Role.AGENT, 3));
    guessInParallel(agent.email(), 10);
    assertThat(login(nodeA, agent.email(), agent.password()).status()).isEqualTo(429);

    // The lock is in the audit log, once.
    await().atMost(Duration.ofSeconds(10)).until(() -> Http.get(nodeA.http(),
        "/v1/admin/audit?limit=500&action=login.locked&targetId="
            + java.net.URLEncoder.encode(agent.email(), java.nio.charset.StandardCharsets.UTF_8),
        admin).body().size() == 1);

    String unlock = "/v1/admin/users/" + agent.id() + "/unlock";
    assertThat(Http.call("POST", nodeB.http(), unlock, supervisor, "{}").status()).isEqualTo(403);
    assertThat(Http.call("POST", nodeB.http(), unlock, otherAgent, "{}").status()).isEqualTo(403);
    assertThat(login(nodeA, agent.email(), agent.password()).status()).as("still locked")
        .isEqualTo(429);
    assertThat(Http.call("POST", nodeB.http(), unlock, admin, "{}").status()).isEqualTo(200);
    assertThat(login(nodeA, agent.email(), agent.password()).status()).isEqualTo(200);
  }

  /** Wrong passwords for {@code email}, all at once, alternating nodes: status -> count. */
  private static Map<Integer, Integer> guessInParallel(String email, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      List<CompletableFuture<Integer>> replies = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        TestNode node = i % 2 == 0 ? nodeA : nodeB;
        int n = i;
        replies.add(CompletableFuture.supplyAsync(() -> {
          try {
            return login(node, email, "wrong guess " + n).status();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, pool));
      }
      Map<Integer, Integer> statuses = new TreeMap<>();
      for (CompletableFuture<Integer> reply : replies) {
        statuses.merge(reply.get(), 1, Integer::sum);
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Http.Reply login(TestNode node, String email, String password) throws Exception {
    URI base = node.http();
    return Http.post(base, "/v1/agents/login",
        "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
  }
}
