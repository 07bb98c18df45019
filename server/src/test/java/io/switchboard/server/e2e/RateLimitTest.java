package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.RawSocket;
import io.switchboard.server.testing.TestNode;
import io.switchboard.server.testing.TwoNodeTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rate limits per visitor, per address and per staff user, shared by all nodes through Redis.
 * Before, one visitor stored 1,000 messages in 10 s, one client got 100 visitor tokens in 0.7 s,
 * and start/close 30 times made 30 conversations.
 */
class RateLimitTest extends TwoNodeTest {
  private static final Pattern CONVERSATION = Pattern.compile("\"conversationId\":\"([0-9a-f-]{36})\"");
  private static final Map<String, String> LIMITS = Map.of(
      "SWITCHBOARD_RATE_VISITOR_MESSAGES", "20/60", "SWITCHBOARD_RATE_VISITOR_STARTS", "5/60",
      "SWITCHBOARD_RATE_VISITOR_TOKENS", "20/60", "SWITCHBOARD_RATE_ABUSE_STRIKES", "50");

  @BeforeAll
  static void start() throws Exception {
    startNodes(LIMITS, LIMITS);
  }

  @Test
  void aFloodingVisitorIsSlowedThenDisconnectedWhileOthersChatOn() throws Exception {
    try (RawSocket flooder = visitor(nodeA); RawSocket other = visitor(nodeA)) {
      String conversation = start(flooder);
      String otherConversation = start(other);
      int acked = 0;
      int limited = 0;
      for (int i = 0; i < 1000 && !flooder.closed(); i++) {
        String id = "m" + i;
        flooder.sendText(send(id, conversation));
        String answer = answerOrNull(flooder, id);
        if (answer == null) {
          break;
        }
        if (answer.contains("\"type\":\"ack\"")) {
          acked++;
        } else {
          assertThat(answer).contains("\"code\":\"rate_limited\"").contains("\"retryAfterMs\":");
          limited++;
        }
      }
      assertThat(acked).as("messages stored").isBetween(20, 25);
      assertThat(limited).isPositive();
      assertThat(flooder.closeCode(Duration.ofSeconds(5))).as("abuse that goes on").isEqualTo(4003);
      int stored = nodeA.node().database().jdbi().withHandle(handle -> handle.createQuery(
              "SELECT count(*) FROM messages WHERE conversation_id = :id")
          .bind("id", UUID.fromString(conversation)).mapTo(Integer.class).one());
      assertThat(stored).isBetween(20, 25);

      other.sendText(send("o1", otherConversation));
      assertThat(other.answer("o1")).as("another visitor is unaffected").contains("\"type\":\"ack\"");
    }
  }

  @Test
  void oneVisitorsBucketIsSharedByEveryNode() throws Exception {
    String token = Http.visitorToken(nodeA.http(), fixtures.siteKey);
    try (RawSocket onA = RawSocket.connect(nodeA.ws(), token);
        RawSocket onB = RawSocket.connect(nodeB.ws(), token)) {
      onA.next("welcome");
      onB.next("welcome");
      String conversation = start(onA);
      int acked = 0;
      for (int i = 0; i < 60; i++) {
        RawSocket socket = i % 2 == 0 ? onA : onB;
        socket.sendText(send("s" + i, conversation));
        acked += socket.answer("s" + i).contains("\"type\":\"ack\"") ? 1 : 0;
      }
      assertThat(acked).as("one bucket of 20 for both nodes together").isBetween(20, 22);
    }
  }

  @Test
  void tokensAndStartsAreLimited() throws Exception {
    int tokens = 0;
    int refused = 0;
    for (int i = 0; i < 100; i++) {
      Http.Reply reply = Http.post(nodeB.http(), "/v1/visitors",
          "{\"siteKey\":\"" + fixtures.siteKey + "\"}");
      if (reply.status() == 200) {
        tokens++;
      } else {
        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.body().path("error").path("retryAfterMs").asLong()).isPositive();
        refused++;
      }
    }
    // The other tests of this class took tokens from the same address too.
    assertThat(tokens).isLessThanOrEqualTo(21);
    assertThat(refused).isGreaterThanOrEqualTo(79);

    try (RawSocket visitor = RawSocket.connect(nodeB.ws(), tokenFromTheDatabaseFreeNode())) {
      visitor.next("welcome");
      int started = 0;
      for (int i = 0; i < 30; i++) {
        visitor.sendText("{\"type\":\"start\",\"id\":\"st" + i + "\",\"queue\":\"" + fixtures.queueId + "\"}");
        String answer = visitor.answer("st" + i);
        if (answer.contains("\"type\":\"started\"")) {
          started++;
          String id = conversationOf(answer);
          visitor.sendText("{\"type\":\"close\",\"id\":\"cl" + i + "\",\"conversationId\":\"" + id + "\"}");
          visitor.answer("cl" + i);
        } else {
          assertThat(answer).contains("\"code\":\"rate_limited\"");
        }
      }
      assertThat(started).as("start/close 30 times").isEqualTo(5);
    }
  }

  /** A visitor token from a node whose token limit is not spent (the limit is per address). */
  private static String tokenFromTheDatabaseFreeNode() throws Exception {
    try (TestNode fresh = TestNode.start(Map.of("SWITCHBOARD_RATE_VISITOR_STARTS", "5/60"))) {
      return Http.visitorToken(fresh.http(), fixtures.siteKey);
    }
  }

  private static RawSocket visitor(TestNode node) throws Exception {
    RawSocket socket = RawSocket.connect(node.ws(), Http.visitorToken(node.http(), fixtures.siteKey));
    socket.next("welcome");
    return socket;
  }

  private static String start(RawSocket socket) throws Exception {
    String id = UUID.randomUUID().toString();
    socket.sendText("{\"type\":\"start\",\"id\":\"" + id + "\",\"queue\":\"" + fixtures.queueId + "\"}");
    return conversationOf(socket.answer(id));
  }

  private static String conversationOf(String answer) {
    Matcher matcher = CONVERSATION.matcher(answer);
    assertThat(matcher.find()).as(answer).isTrue();
    return matcher.group(1);
  }

  private static String send(String id, String conversation) {
    return "{\"type\":\"send\",\"id\":\"" + id + "\",\"conversationId\":\"" + conversation
        + "\",\"clientMsgId\":\"" + UUID.randomUUID() + "\",\"text\":\"flood\"}";
  }

  private static String answerOrNull(RawSocket socket, String id) {
    try {
      return socket.answer(id);
    } catch (Exception | AssertionError e) {
      return null;
    }
  }
}
