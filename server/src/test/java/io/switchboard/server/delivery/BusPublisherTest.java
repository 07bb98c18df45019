package io.switchboard.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.server.bus.RedisMessageBus;
import io.switchboard.server.embedded.EmbeddedRedisService;
import io.switchboard.server.redis.RedisConnections;
import io.switchboard.server.redis.RedisKeys;
import io.switchboard.server.testing.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failed publishes against a real Redis of the test's own, stopped and started again on the same
 * port: the newest failed message of each conversation goes out once Redis is back, older ones of
 * the same conversation do not (the receiver backfills them), and one that failed for longer than
 * {@link BusPublisher#GIVE_UP} is left to the conversation's next message.
 */
class BusPublisherTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  private final UUID conversation = UUID.randomUUID();
  private final Queue<String> received = new ConcurrentLinkedQueue<>();
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private EmbeddedRedisService redis;
  private RedisConnections sender;
  private RedisConnections receiver;
  private RedisMessageBus senderBus;
  private RedisMessageBus receiverBus;
  private BusPublisher publisher;

  @BeforeEach
  void start() throws Exception {
    redis = EmbeddedRedisService.start(Files.createTempDirectory("switchboard-bus-redis"), 0,
        false);
    sender = new RedisConnections(redis.url(), Duration.ofSeconds(1), null);
    receiver = new RedisConnections(redis.url());
    senderBus = new RedisMessageBus(sender);
    receiverBus = new RedisMessageBus(receiver);
    receiverBus.subscribe(RedisKeys.conversationChannel(conversation), received::add)
        .toCompletableFuture().join();
    publisher = new BusPublisher(senderBus, clock, metrics);
  }

  @AfterEach
  void stop() {
    publisher.close();
    senderBus.close();
    receiverBus.close();
    sender.close();
    receiver.close();
    redis.closeAndDelete();
  }

  @Test
  void theNewestMessageThatFailedGoesOutOnceRedisIsBack() {
    publisher.message(conversation, 1, "seq 1");
    await().atMost(WAIT).untilAsserted(() -> assertThat(received).containsExactly("seq 1"));

    int port = redis.port();
    redis.closeAndDelete();
    publisher.message(conversation, 3, "seq 3");
    publisher.message(conversation, 2, "seq 2");
    await().atMost(WAIT).until(() -> publisher.waiting() == 1);

    restartOn(port);
    await().atMost(WAIT).untilAsserted(() -> assertThat(received).contains("seq 3"));
    await().atMost(WAIT).until(() -> publisher.waiting() == 0);
    assertThat(received).containsExactly("seq 1", "seq 3");
    assertThat(publisher.republished()).isEqualTo(1);
    assertThat(metrics.get("switchboard.bus.republished").functionCounter().count()).isEqualTo(1);
    assertThat(metrics.get("switchboard.bus.unpublished").gauge().value()).isZero();
  }

  @Test
  void aMessageThatFailedForTooLongIsLeftToTheNextOne() {
    int port = redis.port();
    redis.closeAndDelete();
    publisher.message(conversation, 7, "seq 7");
    await().atMost(WAIT).until(() -> publisher.waiting() == 1);

    clock.set(clock.instant().plus(BusPublisher.GIVE_UP).plusSeconds(1));
    await().atMost(WAIT).until(() -> publisher.waiting() == 0);
    restartOn(port);
    publisher.message(conversation, 8, "seq 8");
    await().atMost(WAIT).untilAsserted(() -> assertThat(received).containsExactly("seq 8"));
    assertThat(publisher.republished()).isZero();
  }

  /** Starts a new Redis on the port and waits until the receiver listens again. */
  private void restartOn(int port) {
    try {
      redis = EmbeddedRedisService.start(Files.createTempDirectory("switchboard-bus-redis"), port,
          false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String channel = RedisKeys.conversationChannel(conversation);
    await().atMost(WAIT).ignoreExceptions()
        .until(() -> sender.sync().pubsubNumsub(channel).get(channel) == 1);
  }
}
