package io.switchboard.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A Switchboard node in its own OS process (the test JVM's classpath, {@code Main}), so tests can
 * kill it for real. It uses the test PostgreSQL and Redis, which live in the test JVM and survive
 * the node. Only this process, by its PID, is ever signalled.
 *
 * <p>Not thread-safe.
 */
public final class NodeProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private NodeProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts a node on {@code port} and waits until {@code /healthz} answers 200. */
  public static NodeProcess start(int port, Map<String, String> settings) throws Exception {
    return start(port, settings, System.getProperty("java.class.path"));
  }

  /**
   * Starts a node of another build (e.g. the previous release's server jar as
   * {@code classpath}) on {@code port} and waits until {@code /healthz} answers 200.
   */
  public static NodeProcess start(int port, Map<String, String> settings, String classpath)
      throws Exception {
    return start(port, settings, classpath, List.of());
  }

  /** As {@link #start(int, Map, String)}, the JVM started with {@code jvmOptions}. */
  public static NodeProcess start(int port, Map<String, String> settings, String classpath,
      List<String> jvmOptions) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classpath, "io.switchboard.server.Main"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(key -> key.startsWith("SWITCHBOARD_"));
    builder.environment().putAll(TestNode.environment(settings));
    builder.environment().put("SWITCHBOARD_PORT", Integer.toString(port));
    if (classpath.equals(System.getProperty("java.class.path"))
        && !settings.containsKey("SWITCHBOARD_DRAIN_SECONDS")) {
      // SIGTERM drains this build for a second, not five: no balancer has to notice. (An earlier
      // build does not know the setting and would refuse it.)
      builder.environment().put("SWITCHBOARD_DRAIN_SECONDS", "1");
    }
    Path log = Files.createTempFile("switchboard-node-", ".log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    NodeProcess node = new NodeProcess(builder.start(), port, log);
    node.awaitHealthy(Duration.ofSeconds(60));
    return node;
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  public URI http() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public URI ws() {
    return URI.create("ws://127.0.0.1:" + port + "/v1/ws");
  }

  /** SIGKILL: the node gets no chance to say goodbye. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM: graceful shutdown. */
  public void terminate() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  public List<String> logLines() throws IOException {
    return Files.readAllLines(log);
  }

  private void awaitHealthy(Duration timeout) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    try {
      await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
        if (!process.isAlive()) {
          throw new IllegalStateException("node exited: " + String.join("\n", logLines()));
        }
        try {
          return client.send(HttpRequest.newBuilder(http().resolve("/healthz")).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
          return false; // still starting
        }
      });
    } catch (ConditionTimeoutException notHealthy) {
      kill();
      throw new IllegalStateException("node did not become healthy: " + String.join("\n", logLines()));
    }
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      kill();
    }
    Files.deleteIfExists(log);
  }
}
