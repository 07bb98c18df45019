package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations manual's commands, run the way an operator runs them, against the packaged
 * server: the README's run command ({@code scripts/run.sh}) on a fresh data directory prints where
 * everything is and becomes ready; {@code scripts/backup.sh} backs it up while it serves; SIGTERM
 * stops it cleanly (it drains with its embedded PostgreSQL and Redis still up, then stops them, and
 * leaves no process behind); {@code scripts/restore.sh} restores the backup into a new directory
 * and verifies it; {@code scripts/audit-verify.sh} finds the restored audit chain intact; and the
 * run command on the restored directory serves the data written before the backup.
 *
 * <p>It lives in this module because this module is built after the server's jar, which the
 * scripts run. Not thread-safe (one test).
 */
class OperationsScriptsTest {
  private static final Duration START = Duration.ofMinutes(4);
  private static final Pattern ADMIN = Pattern.compile("admin\\s+(admin@\\S+)\\s+(\\S+)");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final Path root = Path.of("..").toAbsolutePath().normalize();

  @TempDir
  Path work;

  @Test
  void runBackUpStopRestoreVerifyAndRunAgain() throws Exception {
    Path data = work.resolve("data");
    Path backup = work.resolve("backup");
    Path restored = work.resolve("restored");

    Node first = Node.start(root, data, work.resolve("first.log"));
    String banner;
    String token;
    try {
      banner = first.awaitReady();
      assertThat(banner).contains("Widget demo page:  " + first.base() + "/demo",
          "Agent console:     " + first.base() + "/console", first.base() + "/readyz");
      Matcher admin = ADMIN.matcher(banner);
      assertThat(admin.find()).as("the first run prints the admin's password").isTrue();
      token = first.login(admin.group(1), admin.group(2));
      HttpResponse<String> team = first.post("/v1/admin/teams", token,
          "{\"id\":\"ops-check\",\"name\":\"运维检查 ops check\"}");
      assertThat(team.statusCode()).isEqualTo(201);

      Script backedUp = Script.run(root, work.resolve("backup.log"), Map.of(),
          "scripts/backup.sh", "--data-dir", data.toString(), "--to", backup.toString());
      assertThat(backedUp.exit()).as(backedUp.output()).isZero();
      assertThat(backedUp.output()).contains("Backup written to " + backup);
      assertThat(backup.resolve("manifest.json")).exists();

      String password = admin.group(2);
      first.stop();
      String log = first.log();
      assertThat(log).contains("shutting down: draining");
      assertThat(log).as("the stores stay up while the node drains")
          .doesNotContain("terminating connection due to administrator command")
          .doesNotContain("database is unavailable");
      assertThat(first.leftovers()).as("no embedded server outlives the node").isEmpty();

      Script restore = Script.run(root, work.resolve("restore.log"), Map.of(),
          "scripts/restore.sh", "--from", backup.toString(), "--data-dir", restored.toString());
      assertThat(restore.exit()).as(restore.output()).isZero();
      assertThat(restore.output()).contains("verified");

      Script audit = Script.run(root, work.resolve("audit.log"),
          Map.of("SWITCHBOARD_DATA_DIR", restored.toString()), "scripts/audit-verify.sh");
      assertThat(audit.exit()).as(audit.output()).isZero();
      assertThat(audit.output()).contains("audit log intact");

      Node second = Node.start(root, restored, work.resolve("second.log"));
      try {
        second.awaitReady();
        String again = second.login(admin.group(1), password);
        HttpResponse<String> teams = second.get("/v1/teams", again);
        assertThat(teams.statusCode()).isEqualTo(200);
        assertThat(teams.body()).contains("ops-check", "运维检查 ops check");
      } finally {
        second.stop();
      }
      assertThat(second.leftovers()).isEmpty();
    } finally {
      first.stop();
    }
  }

  @Test
  void aLocalClusterOfTwoNodesSharesItsStoresAndStopsOnSigterm() throws Exception {
    int base = freeBasePort();
    Path log = work.resolve("cluster.log");
    ProcessBuilder builder = new ProcessBuilder("bash", "scripts/cluster.sh", "2",
        String.valueOf(base)).directory(root.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Node.environment(builder.environment());
    builder.environment().put("SWITCHBOARD_DATA_DIR", work.resolve("cluster").toString());
    builder.environment().put("SWITCHBOARD_DRAIN_SECONDS", "1");
    Node cluster = new Node(builder.start(), base, log, new java.util.ArrayList<>());
    Node second = new Node(cluster.process(), base + 1, log, cluster.children());
    try {
      Instant deadline = Instant.now().plus(START);
      while (!cluster.log().contains("cluster of 2 node(s) is running")) {
        assertThat(cluster.process().isAlive()).as("cluster.sh exited:\n%s", cluster.log())
            .isTrue();
        assertThat(Instant.now()).as("not running in %s:\n%s", START, cluster.log())
            .isBefore(deadline);
        cluster.process().waitFor(500, TimeUnit.MILLISECONDS);
      }
      // The script has waited for both nodes' /healthz; now both must be ready for traffic.
      while (cluster.status("/readyz") != 200 || second.status("/readyz") != 200) {
        assertThat(Instant.now()).as("cluster not ready:\n%s", cluster.log()).isBefore(deadline);
        cluster.process().waitFor(500, TimeUnit.MILLISECONDS);
      }
      cluster.children().addAll(cluster.process().descendants().toList());
      Matcher admin = ADMIN.matcher(cluster.log());
      assertThat(admin.find()).as("node-1's first run is shown").isTrue();
      // Signed in on node 1, the token works on node 2: one PostgreSQL, one Redis.
      String token = cluster.login(admin.group(1), admin.group(2));
      assertThat(second.get("/v1/teams", token).statusCode()).isEqualTo(200);
      assertThat(cluster.children()).as("two nodes and their embedded servers").hasSizeGreaterThan(2);
    } finally {
      cluster.stop();
    }
    assertThat(cluster.log()).contains("Every node has stopped.");
    assertThat(cluster.leftovers()).as("no node or embedded server outlives the script").isEmpty();
  }

  /** A port P with P, P + 1, P + 1000 and P + 1001 free (the two nodes and node 1's stores). */
  private static int freeBasePort() throws IOException {
    java.util.Random random = new java.util.Random();
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = 20_000 + random.nextInt(20_000);
      if (java.util.stream.IntStream.of(base, base + 1, base + 1000, base + 1001)
          .allMatch(OperationsScriptsTest::free)) {
        return base;
      }
    }
    throw new IOException("no free ports for a local cluster");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  /** A script run to its end with its output in a file. */
  private record Script(int exit, String output) {
    static Script run(Path root, Path log, Map<String, String> env, String... command)
        throws IOException, InterruptedException {
      ProcessBuilder builder = new ProcessBuilder(
          java.util.stream.Stream.concat(java.util.stream.Stream.of("bash"),
              java.util.Arrays.stream(command)).toList())
          .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
      Node.environment(builder.environment());
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(command[0] + " ran for more than 5 minutes");
      }
      return new Script(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
  }

  /** A node started by the run command, stopped with SIGTERM by its process id. */
  private record Node(Process process, int port, Path logFile, List<ProcessHandle> children) {
    static Node start(Path root, Path dataDir, Path log) throws IOException {
      ProcessBuilder builder = new ProcessBuilder("bash", "scripts/run.sh")
          .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
      environment(builder.environment());
      int port = freePort();
      builder.environment().putAll(Map.of("SWITCHBOARD_DATA_DIR", dataDir.toString(),
          "SWITCHBOARD_PORT", String.valueOf(port),
          "SWITCHBOARD_EMBEDDED_POSTGRES_PORT", String.valueOf(freePort()),
          "SWITCHBOARD_EMBEDDED_REDIS_PORT", String.valueOf(freePort()),
          "SWITCHBOARD_DRAIN_SECONDS", "1"));
      return new Node(builder.start(), port, log, new java.util.ArrayList<>());
    }

    /** What every script gets: the built jar, embedded stores, no mail listener. */
    static void environment(Map<String, String> env) {
      env.remove("SWITCHBOARD_DATABASE_URL");
      env.remove("SWITCHBOARD_REDIS_URL");
      env.remove("SWITCHBOARD_SMTP_HOST");
      env.put("SWITCHBOARD_SKIP_BUILD", "1");
      env.put("SWITCHBOARD_SMTP_LISTEN_PORT", "off");
    }

    String base() {
      return "http://127.0.0.1:" + port;
    }

    /** Waits for the banner and for {@code /readyz}; returns what the node printed so far. */
    String awaitReady() throws IOException, InterruptedException {
      Instant deadline = Instant.now().plus(START);
      while (Instant.now().isBefore(deadline)) {
        assertThat(process.isAlive()).as("the node exited early:\n%s", log()).isTrue();
        if (log().contains("Agent console:") && status("/readyz") == 200) {
          children.clear();
          children.addAll(process.descendants().toList());
          return log();
        }
        process.waitFor(500, TimeUnit.MILLISECONDS);
      }
      throw new AssertionError("not ready in " + START + ":\n" + log());
    }

    String login(String email, String password) throws IOException, InterruptedException {
      HttpResponse<String> response = post("/v1/agents/login", null,
          "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
      assertThat(token.find()).isTrue();
      return token.group(1);
    }

    HttpResponse<String> post(String path, String token, String json)
        throws IOException, InterruptedException {
      return send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(json))
          .header("Content-Type", "application/json"));
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
      return send(request(path, token).GET());
    }

    private int status(String path) throws InterruptedException {
      try {
        return send(request(path, null).GET()).statusCode();
      } catch (IOException notYet) {
        return 0;
      }
    }

    private HttpRequest.Builder request(String path, String token) {
      HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + path))
          .timeout(Duration.ofSeconds(30));
      return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request)
        throws IOException, InterruptedException {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGTERM (as {@code kill PID} or a service manager would), then waits for the exit. */
    void stop() throws InterruptedException {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
          process.destroyForcibly().waitFor();
          children.forEach(ProcessHandle::destroyForcibly);
          throw new AssertionError("the node did not stop within 2 minutes of SIGTERM");
        }
      }
    }

    /** The node's embedded servers still running after it exited. */
    List<ProcessHandle> leftovers() {
      return children.stream().filter(ProcessHandle::isAlive).toList();
    }

    String log() throws IOException {
      return Files.readString(logFile, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }
  }
}
