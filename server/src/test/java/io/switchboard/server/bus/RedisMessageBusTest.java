package io.switchboard.server.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.KillArgs;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.testing.TestServices;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two buses on two separate clients stand in for two server nodes. */
class RedisMessageBusTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final String nodeName = "sb-test-bus-" + UUID.randomUUID();
  private RedisConnections nodeA;
  private RedisConnections nodeB;
  private RedisMessageBus busA;
  private RedisMessageBus busB;
  private final String channel = RedisKeys.conversationChannel(UUID.randomUUID());

  @BeforeEach
  void start() {
    nodeA = new RedisConnections(TestServices.redisUrl());
    nodeB = new RedisConnections(TestServices.redisUrl(), Duration.ofSeconds(5), nodeName);
    busA = new RedisMessageBus(nodeA);
    busB = new RedisMessageBus(nodeB);
  }

  @AfterEach
  void stop() {
    busA.close();
    busB.close();
    nodeA.close();
    nodeB.close();
  }

  @Test
  void channelNames() {
    UUID id = UUID.fromString("00000000-0000-0000-0000-000000000042");
    assertThat(RedisKeys.conversationChannel(id)).isEqualTo("sb:conv:" + id);
    assertThat(RedisKeys.userChannel(id.toString())).isEqualTo("sb:user:" + id);
  }

  @Test
  void messagePublishedOnOneNodeReachesTheOther() {
    Queue<String> received = new ConcurrentLinkedQueue<>();
    busB.subscribe(channel, received::add).toCompletableFuture().join();

    assertThat(publish("hello")).isEqualTo(1);
    await().atMost(WAIT).untilAsserted(() -> assertThat(received).containsExactly("hello"));
  }

  @Test
  void listenersShareOneRedisSubscription() {
    Queue<String> first = new ConcurrentLinkedQueue<>();
    Queue<String> second = new ConcurrentLinkedQueue<>();
    Subscription one = busB.subscribe(channel, first::add).toCompletableFuture().join();
    Subscription two = busB.subscribe(channel, second::add).toCompletableFuture().join();

    assertThat(subscribers()).isEqualTo(1);
    assertThat(busB.channelCount()).isEqualTo(1);
    assertThat(publish("both")).isEqualTo(1);
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(first).containsExactly("both");
      assertThat(second).containsExactly("both");
    });

    one.close();
    one.close();
    assertThat(subscribers()).isEqualTo(1);
    publish("second only");
    await().atMost(WAIT).untilAsserted(() -> assertThat(second).contains("second only"));
    assertThat(first).containsExactly("both");

    two.close();
    assertThat(busB.channelCount()).isZero();
    await().atMost(WAIT).until(() -> subscribers() == 0);
    assertThat(publish("nobody")).isZero();
  }

  @Test
  void failingListenerDoesNotStopOthers() {
    Queue<String> received = new ConcurrentLinkedQueue<>();
    busB.subscribe(channel, message -> {
      throw new IllegalStateException("listener bug");
    }).toCompletableFuture().join();
    busB.subscribe(channel, received::add).toCompletableFuture().join();

    publish("one");
    publish("two");
    await().atMost(WAIT).untilAsserted(() -> assertThat(received).containsExactly("one", "two"));
  }

  @Test
  void subscriptionSurvivesAKilledConnection() {
    Queue<String> received = new ConcurrentLinkedQueue<>();
    AtomicInteger resubscribed = new AtomicInteger();
    busB.onResubscribed(resubscribed::incrementAndGet);
    busB.subscribe(channel, received::add).toCompletableFuture().join();
    String killed = pubSubClientId();

    assertThat(nodeA.sync().clientKill(KillArgs.Builder.id(Long.parseLong(killed))))
        .isEqualTo(1);

    await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
      publish("after reconnect");
      assertThat(received).contains("after reconnect");
    });
    assertThat(pubSubClientId()).isNotEqualTo(killed);
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(resubscribed).as("listeners told that messages may be missed").hasValue(1));
  }

  private long publish(String payload) {
    return busA.publish(channel, payload).toCompletableFuture().join();
  }

  private long subscribers() {
    return nodeA.sync().pubsubNumsub(channel).get(channel);
  }

  /** The id of node B's pub/sub connection, from CLIENT LIST: named after the node, with sub=1. */
  private String pubSubClientId() {
    List<String> clients = Arrays.stream(nodeA.sync().clientList().split("\n"))
        .filter(line -> line.contains(" name=" + nodeName + " ") && line.contains(" sub=1 "))
        .toList();
    assertThat(clients).hasSize(1);
    return clients.get(0).split(" ")[0].substring("id=".length());
  }
}
