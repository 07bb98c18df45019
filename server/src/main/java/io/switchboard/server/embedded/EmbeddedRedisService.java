package io.switchboard.server.embedded;

import io.switchboard.server.util.FileTrees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import redis.embedded.RedisServer;

/**
 * A real Redis server (the binary shipped in the embedded-redis artifact), bound to loopback, with
 * its working directory under the data directory. Redis holds only live state that can be rebuilt,
 * so it keeps no snapshots.
 *
 * <p>The process is started and stopped here rather than by the artifact's own server class,
 * because that class stops Redis from a JVM shutdown hook of its own, which runs at the same time
 * as the node's: a node draining on SIGTERM would lose Redis in its first millisecond. With
 * {@code stopOnExit} false the caller stops Redis itself, after the node.
 *
 * <p>Thread-safe: start once; close may be called from any thread, more than once.
 */
public final class EmbeddedRedisService implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(30);
  private final Process process;
  private final int port;
  private final Path workDir;

  private EmbeddedRedisService(Process process, int port, Path workDir) {
    this.process = process;
    this.port = port;
    this.workDir = workDir;
  }

  /** Starts Redis on {@code port}, or on a free port when it is 0; stopped when the JVM exits. */
  public static EmbeddedRedisService start(Path workDir, int port) {
    return start(workDir, port, true);
  }

  /**
   * Starts Redis on {@code port} (0: a free one). With {@code stopOnExit} a JVM shutdown hook
   * stops it; without, the caller must {@link #close} it.
   */
  public static EmbeddedRedisService start(Path workDir, int port, boolean stopOnExit) {
    return start(workDir, port, stopOnExit, List.of());
  }

  /**
   * Starts Redis on {@code port} (0: a free one) with further {@code redis.conf} lines, such as
   * {@code cluster-enabled yes} for a node of a test's Redis Cluster.
   */
  public static EmbeddedRedisService start(Path workDir, int port, boolean stopOnExit,
      List<String> settings) {
    try {
      Files.createDirectories(workDir);
      int chosen = port > 0 ? port : freePort();
      var builder = RedisServer.newRedisServer()
          .port(chosen)
          .setting("bind 127.0.0.1")
          .setting("dir " + workDir.toAbsolutePath())
          .setting("save \"\"")
          .setting("appendonly no")
          .setting("maxmemory-policy noeviction");
      settings.forEach(builder::setting);
      List<String> command = builder.buildCommandArgs();
      Process process = new ProcessBuilder(command).directory(workDir.toFile())
          .redirectErrorStream(true).start();
      EmbeddedRedisService service = new EmbeddedRedisService(process, chosen, workDir);
      if (stopOnExit) {
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "stop-redis-" + chosen));
      }
      service.awaitReady();
      return service;
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

  /** The Redis server's process id. */
  public long pid() {
    return process.pid();
  }

  /** Stops Redis (SIGTERM, then SIGKILL after ten seconds) and waits for it to exit. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops Redis and deletes its working directory: for throwaway servers only. */
  public void closeAndDelete() {
    close();
    FileTrees.delete(workDir);
  }

  /**
   * Reads Redis's log until it is ready, then keeps reading it on a daemon thread (a full pipe
   * would block Redis). Fails with the last lines of the log when Redis exits or is not ready in
   * time.
   */
  private void awaitReady() throws IOException {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Deque<String> tail = new ArrayDeque<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          if (!ready.isDone()) {
            synchronized (tail) {
              tail.addLast(line);
              if (tail.size() > 20) {
                tail.removeFirst();
              }
            }
            if (line.contains("eady to accept connections")) {
              ready.complete(null);
            }
          }
        }
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
      ready.completeExceptionally(new IOException("Redis exited"));
    }, "redis-log-" + port);
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(STARTUP.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      close();
      synchronized (tail) {
        throw new IOException("Redis on port " + port + " did not become ready: "
            + String.join("\n", tail), e);
      }
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while Redis started", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
