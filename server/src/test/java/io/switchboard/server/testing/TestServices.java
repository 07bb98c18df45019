package io.switchboard.server.testing;

import io.switchboard.server.embedded.EmbeddedPostgresService;
import io.switchboard.server.embedded.EmbeddedRedisService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The real PostgreSQL and Redis that the tests use: the servers named by
 * {@code SWITCHBOARD_TEST_DATABASE_URL} (a JDBC URL) and {@code SWITCHBOARD_TEST_REDIS_URL} when
 * set, otherwise embedded ones started once per test JVM and stopped when it exits, their data
 * folders deleted.
 *
 * <p>Thread-safe: lazily started under the class lock.
 */
public final class TestServices {
  private static String jdbcUrl;
  private static String redisUrl;
  private static EmbeddedRedisService embeddedRedis;

  private TestServices() {}

  public static synchronized String jdbcUrl() {
    if (jdbcUrl == null) {
      String fromEnv = System.getenv("SWITCHBOARD_TEST_DATABASE_URL");
      if (fromEnv != null && !fromEnv.isBlank()) {
        jdbcUrl = fromEnv;
      } else {
        EmbeddedPostgresService pg = EmbeddedPostgresService.start(tempDir("pg"), 0,
            Duration.ofSeconds(60), false);
        Runtime.getRuntime().addShutdownHook(new Thread(pg::closeAndDelete));
        jdbcUrl = pg.jdbcUrl();
      }
    }
    return jdbcUrl;
  }

  public static synchronized String redisUrl() {
    if (redisUrl == null) {
      String fromEnv = System.getenv("SWITCHBOARD_TEST_REDIS_URL");
      if (fromEnv != null && !fromEnv.isBlank()) {
        redisUrl = fromEnv;
      } else {
        embeddedRedis = EmbeddedRedisService.start(tempDir("redis"), 0, false);
        Runtime.getRuntime().addShutdownHook(new Thread(TestServices::stopRedis));
        redisUrl = embeddedRedis.url();
      }
    }
    return redisUrl;
  }

  private static Path tempDir(String name) {
    try {
      return Files.createTempDirectory("switchboard-test-" + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when the tests own an embedded Redis they may stop and start. */
  public static synchronized boolean redisIsEmbedded() {
    redisUrl();
    return embeddedRedis != null;
  }

  /**
   * Stops the embedded Redis and starts a new, empty one on the same port after {@code down}:
   * Redis lost all its data.
   */
  public static synchronized void restartRedisEmpty(Duration down) throws InterruptedException {
    if (!redisIsEmbedded()) {
      throw new IllegalStateException("only an embedded Redis can be restarted by the tests");
    }
    int port = embeddedRedis.port();
    embeddedRedis.closeAndDelete();
    Thread.sleep(down.toMillis());
    embeddedRedis = EmbeddedRedisService.start(tempDir("redis"), port, false);
  }

  /** At exit: stops the embedded Redis there is now and deletes its folder. */
  private static synchronized void stopRedis() {
    embeddedRedis.closeAndDelete();
  }
}
