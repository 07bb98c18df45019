package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Participant;
import io.switchboard.server.testing.TestNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A flood of logins cannot take a node out of its load balancer: while 150 logins with random
 * emails arrive at once, {@code /healthz} and a visitor's chat still answer promptly, because
 * password hashing has its own small pool and the logins it cannot queue are refused at once with
 * 429 and a {@code Retry-After}. Before, hashing queued with every store call, and health took
 * 6.6-10.7 s. (The bound below is generous; it checks that nothing waits behind the hashing.)
 */
class LoginFloodTest {
  private static final Duration PROMPT = Duration.ofSeconds(2);
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void healthAndChatStayPromptWhileLoginsAreHashed() throws Exception {
    try (TestNode node = TestNode.start(Map.of("SWITCHBOARD_HASHING_THREADS", "1",
        "SWITCHBOARD_HASHING_QUEUE", "4"))) {
      Fixtures fixtures = Fixtures.create(node.node().database().jdbi());
      List<CompletableFuture<HttpResponse<String>>> logins = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        logins.add(CLIENT.sendAsync(HttpRequest.newBuilder(node.http().resolve("/v1/agents/login"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"flood-" + UUID.randomUUID()
                + "@example.test\",\"password\":\"not the password\"}"))
            .header("Content-Type", "application/json").build(),
            HttpResponse.BodyHandlers.ofString()));
      }

      HttpResponse<String> health = CLIENT.sendAsync(HttpRequest.newBuilder(
          node.http().resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString())
          .get(PROMPT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(health.statusCode()).isEqualTo(200);
      try (Participant visitor = Participant.visitor(node.http(), node.ws(), fixtures.siteKey)) {
        String conversation = visitor.client().start(fixtures.queueId, Map.of())
            .get(PROMPT.toMillis(), TimeUnit.MILLISECONDS).conversationId();
        assertThat(visitor.client().send(conversation, "still here?")
            .get(PROMPT.toMillis(), TimeUnit.MILLISECONDS).seq()).isPositive();
      }

      int refused = 0;
      for (CompletableFuture<HttpResponse<String>> login : logins) {
        HttpResponse<String> reply = login.get(60, TimeUnit.SECONDS);
        assertThat(reply.statusCode()).as(reply.body()).isIn(401, 429);
        if (reply.statusCode() == 429) {
          refused++;
          assertThat(reply.headers().firstValue("Retry-After")).isPresent();
          assertThat(reply.body()).contains("\"code\":\"rate_limited\"");
        }
      }
      assertThat(refused).as("logins refused at once instead of queued").isPositive();
    }
  }
}
