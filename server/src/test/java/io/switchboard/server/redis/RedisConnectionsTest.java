package io.switchboard.server.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.ScriptOutputType;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.testing.TestServices;
import io.switchboard.server.util.SwitchboardException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisConnectionsTest {
  private static RedisConnections redis;

  @BeforeAll
  static void connect() {
    redis = new RedisConnections(TestServices.redisUrl());
  }

  @AfterAll
  static void close() {
    redis.close();
  }

  @Test
  void scriptShaMatchesWhatRedisComputes() {
    RedisScript script = RedisScript.fromClasspath("epoch");
    String loaded = script.load(redis.async()).toCompletableFuture().join();
    assertThat(loaded).isEqualTo(script.sha());
  }

  @Test
  void scriptIsReloadedAfterScriptFlush() {
    RedisScript script = RedisScript.fromClasspath("epoch");
    String key = "sb:test:" + UUID.randomUUID();
    assertThat(run(script, key, "first")).isEqualTo("first");

    redis.sync().scriptFlush();
    assertThat(redis.sync().scriptExists(script.sha())).containsExactly(false);

    assertThat(run(script, key, "second")).isEqualTo("first");
    assertThat(redis.sync().scriptExists(script.sha())).containsExactly(true);
    redis.sync().del(key);
  }

  @Test
  void scriptErrorIsInternal() {
    RedisScript script = RedisScript.fromClasspath("epoch");
    String key = "sb:test:" + UUID.randomUUID();
    redis.sync().hset(key, "field", "value");
    try {
      assertThatThrownBy(() -> run(script, key, "x"))
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOfSatisfying(SwitchboardException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
    } finally {
      redis.sync().del(key);
    }
  }

  @Test
  void slowRedisFailsAsUnavailable() {
    try (RedisConnections impatient =
        new RedisConnections(TestServices.redisUrl(), Duration.ofMillis(100), "sb-test-timeout")) {
      impatient.sync().ping();
      try (RedisConnections pauser = new RedisConnections(TestServices.redisUrl())) {
        pauser.sync().clientPause(400);
      }
      CompletionStage<String> get =
          RedisCalls.call("get", () -> impatient.async().get("sb:test:" + UUID.randomUUID()));
      assertUnavailable(get);
    }
  }

  @Test
  void unreachableRedisFailsAsUnavailable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "redis://127.0.0.1:" + port;
    assertThatThrownBy(() -> new RedisConnections(url))
        .isInstanceOfSatisfying(SwitchboardException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }

  private static String run(RedisScript script, String key, String candidate) {
    return RedisCalls.call("epoch", () -> script.<String>eval(
            redis.async(), ScriptOutputType.VALUE, new String[] {key}, candidate))
        .join();
  }

  static void assertUnavailable(CompletionStage<?> stage) {
    assertThatThrownBy(() -> stage.toCompletableFuture().join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOfSatisfying(SwitchboardException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }
}
