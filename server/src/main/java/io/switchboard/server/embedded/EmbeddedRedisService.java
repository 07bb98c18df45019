package io.switchboard.server.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A real Redis server (the binary shipped in the embedded-redis artifact), bound to loopback, with
 * its working directory under the data directory. Redis holds only live state that can be rebuilt,
 * so it keeps no snapshots.
 *
 * <p>Thread-safe: start and close are called once, from one thread.
 */
public final class EmbeddedRedisService implements AutoCloseable {
  private final RedisServer server;
  private final int port;

  private EmbeddedRedisService(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts Redis on {@code port}, or on a free port when it is 0. */
  public static EmbeddedRedisService start(Path workDir, int port) {
    try {
      Files.createDirectories(workDir);
      int chosen = port > 0 ? port : freePort();
      RedisServer server = RedisServer.newRedisServer()
          .port(chosen)
          .setting("bind 127.0.0.1")
          .setting("dir " + workDir.toAbsolutePath())
          .setting("save \"\"")
          .setting("appendonly no")
          .setting("maxmemory-policy noeviction")
          .build();
      server.start();
      return new EmbeddedRedisService(server, chosen);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded Redis did not start", e);
    }
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
