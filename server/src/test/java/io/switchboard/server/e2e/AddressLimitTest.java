package io.switchboard.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.Http;
import io.switchboard.server.testing.RawSocket;
import io.switchboard.server.testing.TestNode;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Limits per client address: which address counts ({@code X-Forwarded-For} only from a trusted
 * proxy), visitor tokens and the loader's first views (each makes a visitor) per address, and
 * conversation starts per address, so that new visitor tokens do not buy new starts.
 * The tests behind the "proxy" (this test, on 127.0.0.1) use fresh documentation addresses, so
 * buckets left in the shared Redis by other tests do not count.
 */
class AddressLimitTest {
  private static final Pattern CONVERSATION =
      Pattern.compile("\"conversationId\":\"([0-9a-f-]{36})\"");
  private static TestNode direct;
  private static TestNode proxied;
  private static Fixtures fixtures;

  @BeforeAll
  static void start() throws Exception {
    direct = TestNode.start(Map.of("SWITCHBOARD_RATE_VISITOR_TOKENS", "5/60"));
    proxied = TestNode.start(Map.of("SWITCHBOARD_TRUSTED_PROXIES", "127.0.0.1, ::1",
        "SWITCHBOARD_RATE_VISITOR_TOKENS", "5/60", "SWITCHBOARD_RATE_ADDRESS_STARTS", "6/60",
        "SWITCHBOARD_RATE_VISITOR_STARTS", "5/60"));
    fixtures = Fixtures.create(direct.node().database().jdbi());
  }

  @AfterAll
  static void stop() {
    direct.close();
    proxied.close();
  }

  @Test
  void aClientCannotDodgeTheAddressLimitBySendingXForwardedFor() throws Exception {
    int allowed = 0;
    for (int i = 0; i < 10; i++) {
      Http.Reply reply = Http.post(direct.http(), "/v1/visitors", site(),
          Map.of("X-Forwarded-For", freshAddress()));
      if (reply.status() == 200) {
        allowed++;
      } else {
        assertThat(reply.status()).isEqualTo(429);
      }
    }
    assertThat(allowed).as("tokens for one address, whatever the header says")
        .isLessThanOrEqualTo(5);
  }

  @Test
  void behindATrustedProxyEachForwardedClientHasItsOwnBucket() throws Exception {
    String first = freshAddress();
    for (int i = 0; i < 5; i++) {
      assertThat(token(first).status()).isEqualTo(200);
    }
    Http.Reply refused = token(first);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.body().path("error").path("retryAfterMs").asLong()).isPositive();
    assertThat(token(freshAddress()).status()).as("another client behind the proxy").isEqualTo(200);
  }

  @Test
  void theLoadersFirstViewsCountAgainstTheSameBucketAsVisitorTokens() throws Exception {
    String address = freshAddress();
    for (int i = 0; i < 3; i++) {
      assertThat(firstView(address).status()).isEqualTo(200);
    }
    for (int i = 0; i < 2; i++) {
      assertThat(token(address).status()).isEqualTo(200);
    }
    assertThat(firstView(address).status()).as("each makes a visitor").isEqualTo(429);
    assertThat(token(address).status()).isEqualTo(429);
    assertThat(firstView(freshAddress()).status()).isEqualTo(200);
  }

  @Test
  void startsAreLimitedPerAddressAcrossNewVisitors() throws Exception {
    String address = freshAddress();
    try (RawSocket first = visitor(address); RawSocket second = visitor(address);
        RawSocket elsewhere = visitor(freshAddress())) {
      for (int i = 0; i < 5; i++) {
        String started = start(first, "a" + i);
        assertThat(started).contains("\"type\":\"started\"");
        first.sendText("{\"type\":\"close\",\"id\":\"c" + i + "\",\"conversationId\":\""
            + conversationOf(started) + "\"}");
        first.answer("c" + i);
      }
      // A new visitor token from the same address: one more start fills the address's six.
      assertThat(start(second, "b0")).contains("\"type\":\"started\"");
      assertThat(start(second, "b1")).contains("\"code\":\"rate_limited\"")
          .contains("\"retryAfterMs\":");
      assertThat(start(elsewhere, "e0")).as("a visitor at another address")
          .contains("\"type\":\"started\"");
    }
  }

  private static RawSocket visitor(String address) throws Exception {
    Http.Reply reply = token(address);
    assertThat(reply.status()).isEqualTo(200);
    RawSocket socket = RawSocket.connect(proxied.ws(), reply.body().get("visitorToken").asText(),
        Map.of("X-Forwarded-For", address));
    socket.next("welcome");
    return socket;
  }

  private static Http.Reply token(String address) throws Exception {
    return Http.post(proxied.http(), "/v1/visitors", site(), Map.of("X-Forwarded-For", address));
  }

  private static Http.Reply firstView(String address) throws Exception {
    return Http.post(proxied.http(), "/v1/widget/first-view", "{\"siteKey\":\""
        + fixtures.siteKey + "\",\"url\":\"https://shop.example/\"}",
        Map.of("X-Forwarded-For", address));
  }

  private static String start(RawSocket socket, String id) throws InterruptedException {
    socket.sendText("{\"type\":\"start\",\"id\":\"" + id + "\",\"queue\":\"" + fixtures.queueId
        + "\"}");
    return socket.answer(id);
  }

  private static String conversationOf(String answer) {
    Matcher matcher = CONVERSATION.matcher(answer);
    assertThat(matcher.find()).as(answer).isTrue();
    return matcher.group(1);
  }

  private static String site() {
    return "{\"siteKey\":\"" + fixtures.siteKey + "\"}";
  }

  /** An address of the documentation range 2001:db8::/32 that no other test uses. */
  private static String freshAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "2001:db8:" + Integer.toHexString(random.nextInt(0x10000)) + "::"
        + Integer.toHexString(random.nextInt(1, 0x10000));
  }
}
