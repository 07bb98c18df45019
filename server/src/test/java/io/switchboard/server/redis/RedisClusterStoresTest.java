package io.switchboard.server.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.auth.lockout.LoginGuard;
import io.switchboard.server.auth.lockout.LoginGuardListener;
import io.switchboard.server.bus.RedisMessageBus;
import io.switchboard.server.campaign.PageVisit;
import io.switchboard.server.campaign.RedisLiveVisitorStore;
import io.switchboard.server.config.SecuritySettings.LoginPolicy;
import io.switchboard.server.ratelimit.Bucket;
import io.switchboard.server.ratelimit.Limit;
import io.switchboard.server.ratelimit.RateLimiter;
import io.switchboard.server.routing.RedisRoutingStore;
import io.switchboard.server.store.rules.SkillProfile;
import io.switchboard.server.testing.MutableClock;
import io.switchboard.server.testing.TestRedisCluster;
import io.switchboard.server.testing.TestServices;
import io.switchboard.server.util.Futures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stores on a real three-master Redis Cluster, each connection seeded at a different master:
 * the client finds the cluster by itself, rate limits and login locks count across all-or-none
 * scripts, fan-out crosses masters, live visitors are kept per site, and a script the masters
 * forgot is loaded again on the master that runs it. The chat over the cluster, routing and
 * presence included, is {@code RedisClusterChatTest}.
 */
class RedisClusterStoresTest {
  private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
  private static TestRedisCluster cluster;
  private static RedisConnections first;
  private static RedisConnections last;

  private final MutableClock clock = new MutableClock(START);
  private final String who = UUID.randomUUID().toString();

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = TestRedisCluster.start();
    first = new RedisConnections(cluster.url(0));
    last = new RedisConnections(cluster.url(2));
  }

  @AfterAll
  static void stopCluster() {
    first.close();
    last.close();
    cluster.close();
  }

  @Test
  void theClientFindsOutWhetherTheUrlNamesAClusterNode() {
    assertThat(first.clustered()).isTrue();
    try (RedisConnections single = new RedisConnections(TestServices.redisUrl())) {
      assertThat(single.clustered()).isFalse();
    }
    assertThat(RedisConnections.clusterEnabled("# Cluster\r\ncluster_enabled:1\r\n")).isTrue();
    assertThat(RedisConnections.clusterEnabled("# Cluster\r\ncluster_enabled:0\r\n")).isFalse();
  }

  @Test
  void rateLimitsCountOnTheClusterAcrossBucketsOfSeveralCallers() {
    RateLimiter limiter = new RateLimiter(first, clock);
    RateLimiter otherNode = new RateLimiter(last, clock);
    Limit wide = new Limit("cluster-wide", 10, Duration.ofSeconds(60));
    Limit narrow = new Limit("cluster-narrow", 2, Duration.ofSeconds(60));
    String address = "192.0.2." + (1 + Math.abs(who.hashCode() % 250));
    limiter.acquire(new Bucket(wide, who), new Bucket(narrow, address)).join();
    otherNode.acquire(new Bucket(wide, who), new Bucket(narrow, address)).join();
    assertThatThrownBy(() -> limiter.acquire(new Bucket(wide, who), new Bucket(narrow, address))
        .join()).isInstanceOf(CompletionException.class)
        .satisfies(e -> assertThat(Futures.asSwitchboard(e).code())
            .isEqualTo(ErrorCode.RATE_LIMITED));
  }

  @Test
  void loginLocksAreSharedByNodesSeededAtDifferentMasters() {
    LoginPolicy policy = new LoginPolicy(3, 100, Duration.ofMinutes(15), Duration.ofMinutes(1),
        Duration.ofMinutes(4));
    LoginGuard one = new LoginGuard(first, policy, clock, LoginGuardListener.NONE);
    LoginGuard two = new LoginGuard(last, policy, clock, LoginGuardListener.NONE);
    String email = who + "@example.test";
    one.attempt(email, "198.51.100.7").join();
    two.attempt(email, "198.51.100.7").join();
    one.attempt(email, "198.51.100.7").join();
    assertThatThrownBy(() -> two.attempt(email, "198.51.100.7").join())
        .satisfies(e -> assertThat(Futures.asSwitchboard(e).code())
            .isEqualTo(ErrorCode.RATE_LIMITED));
  }

  @Test
  void aMessagePublishedThroughOneMasterReachesASubscriberOfAnother() {
    try (RedisMessageBus publisher = new RedisMessageBus(first);
        RedisMessageBus subscriber = new RedisMessageBus(last)) {
      Queue<String> received = new ConcurrentLinkedQueue<>();
      String conversationChannel = RedisKeys.conversationChannel(UUID.randomUUID());
      String userChannel = RedisKeys.userChannel(who);
      subscriber.subscribe(conversationChannel, received::add).toCompletableFuture().join();
      subscriber.subscribe(userChannel, received::add).toCompletableFuture().join();
      publisher.publish(conversationChannel, "to the conversation").toCompletableFuture().join();
      publisher.publish(userChannel, "to the user").toCompletableFuture().join();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received)
          .containsExactlyInAnyOrder("to the conversation", "to the user"));
    }
  }

  @Test
  void liveVisitorsOfASiteAreKeptTogetherAndListedFromAnyNode() {
    String site = "site-" + who;
    new RedisLiveVisitorStore(first, clock).report(site, "contact-1",
        new PageVisit("https://shop.example/", null, "en", 1, 0), "Shop").join();
    new RedisLiveVisitorStore(last, clock).report(site, "contact-2",
        new PageVisit("https://shop.example/cart", null, "zh-CN", 2, 0), "Cart").join();
    assertThat(SlotHash.getSlot(RedisKeys.liveVisitors(site)))
        .isEqualTo(SlotHash.getSlot(RedisKeys.liveVisitorPages(site)));
    assertThat(new RedisLiveVisitorStore(first, clock).list(site).join()).hasSize(2);
  }

  @Test
  void aScriptEveryMasterForgotIsLoadedAgainWhereItRuns() {
    RedisRoutingStore routing = new RedisRoutingStore(first);
    String queue = "cluster-q-" + who;
    routing.setRules(queue, SkillProfile.NONE, true).toCompletableFuture().join();
    RedisClient client = RedisClient.create();
    try {
      for (String url : cluster.urls()) {
        try (StatefulRedisConnection<String, String> master = client.connect(RedisURI.create(url))) {
          master.sync().scriptFlush();
        }
      }
    } finally {
      client.shutdown();
    }
    UUID conversation = UUID.randomUUID();
    assertThat(routing.enqueue(queue, conversation, 0, START).toCompletableFuture().join()).isTrue();
    assertThat(new RedisRoutingStore(last).waiting(queue, 10).toCompletableFuture().join())
        .isEqualTo(List.of(conversation));
  }
}
