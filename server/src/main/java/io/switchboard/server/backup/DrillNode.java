package io.switchboard.server.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Switchboard node started as a child process on a restored data folder, for the drill: it waits
 * for {@code /healthz}, signs in and reads through REST, and stops the process (and only it and
 * its own children) by process id.
 *
 * <p>Not thread-safe: one drill drives it.
 */
final class DrillNode implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final URI base;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private DrillNode(Process process, URI base) {
    this.process = process;
    this.base = base;
  }

  /** Starts {@code io.switchboard.server.Main} with this JVM's class path on {@code dataDir}. */
  static DrillNode start(Path dataDir, Path log) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp",
        System.getProperty("java.class.path"), "io.switchboard.server.Main"))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("SWITCHBOARD_"));
    env.put("SWITCHBOARD_DATA_DIR", dataDir.toString());
    env.put("SWITCHBOARD_BIND", "127.0.0.1");
    env.put("SWITCHBOARD_PORT", Integer.toString(port));
    env.put("SWITCHBOARD_SEED", "false");
    env.put("SWITCHBOARD_SMTP_LISTEN_PORT", "off");
    return new DrillNode(builder.start(), URI.create("http://127.0.0.1:" + port));
  }

  long pid() {
    return process.pid();
  }

  /** Waits until {@code /healthz} answers 200; fails when the process ends or time runs out. */
  void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the node exited with " + process.exitValue() + " before it was"
            + " healthy; see its log");
      }
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/healthz"))
            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IOException("the node did not answer /healthz within " + timeout);
  }

  /**
   * Signs in as {@code email} and lists tickets; returns the list's body. Fails on anything but
   * 200.
   */
  JsonNode readTickets(String email, String password) throws IOException, InterruptedException {
    String login = JSON.writeValueAsString(Map.of("email", email, "password", password));
    JsonNode signedIn = call(HttpRequest.newBuilder(base.resolve("/v1/agents/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(login)), "sign-in as " + email);
    return call(HttpRequest.newBuilder(base.resolve("/v1/tickets?limit=20"))
        .header("Authorization", "Bearer " + signedIn.path("token").asText()).GET(),
        "GET /v1/tickets");
  }

  private JsonNode call(HttpRequest.Builder request, String what)
      throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(what + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** SIGTERM (a graceful stop that also stops its embedded servers), then waits for it. */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    for (ProcessHandle child : children) {
      if (child.isAlive()) {
        child.destroy();
        child.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> child).join();
      }
    }
  }
}
