package io.switchboard.server.fault;

import io.switchboard.server.embedded.EmbeddedRedisService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;

/**
 * A Redis server of a fault test's own (not the shared test Redis), which the test may kill with
 * SIGKILL by its PID and start again, empty, on the same port.
 *
 * <p>Not thread-safe.
 */
final class RedisProcess implements AutoCloseable {
  private final int port;
  private EmbeddedRedisService redis;
  private long pid;

  private RedisProcess(int port) {
    this.port = port;
    startEmpty();
  }

  /** Starts on a free port; tries other ports when another process takes the chosen one first. */
  static RedisProcess start() {
    for (int attempt = 1; ; attempt++) {
      try (ServerSocket socket = new ServerSocket(0)) {
        socket.close();
        return new RedisProcess(socket.getLocalPort());
      } catch (IOException | UncheckedIOException portTaken) {
        if (attempt == 5) {
          throw new IllegalStateException("no free port for Redis", portTaken);
        }
      }
    }
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  /** SIGKILL: Redis dies at once and everything it held is gone. */
  void kill() throws IOException, InterruptedException {
    Signals.send("KILL", pid);
    Signals.awaitExit(pid, Duration.ofSeconds(10));
  }

  /** Starts a new, empty Redis on the same port (in a new folder; the old one is deleted). */
  void startEmpty() {
    if (redis != null) {
      redis.closeAndDelete();
    }
    pid = Signals.startedBy(() -> {
      try {
        redis = EmbeddedRedisService.start(Files.createTempDirectory("switchboard-fault-redis"), port);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public void close() throws Exception {
    redis.closeAndDelete();
  }
}
