package io.switchboard.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A driver process ({@code DriverMain}) and its command channel: one JSON command per line in,
 * one {@code RESULT} line per command out (other output goes to its log).
 *
 * <p>Not thread-safe: one command at a time per process; {@link #sendAll} runs a command on
 * several processes at once and waits for every answer.
 */
public final class DriverProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final String name;
  private final PrintStream in;
  private final BufferedReader out;

  private DriverProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    this.out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  public static DriverProcess start(String name, String java, String classPath, String heap,
      List<String> args, Path log) throws IOException {
    // A fixed heap with a large young generation, and a collection before every command (see
    // DriverMain): a young collection in the middle of a reconnect storm paused a driver for
    // 1.5 s, and that pause was counted as the server's latency.
    List<String> command = new ArrayList<>(List.of(java, "-Xms" + heap, "-Xmx" + heap,
        "-XX:NewRatio=1", "-XX:+UseParallelGC",
        "-cp", classPath, "io.switchboard.bench.driver.DriverMain"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new DriverProcess(name, builder.start());
  }

  public long pid() {
    return process.pid();
  }

  private void write(Map<String, Object> command) throws IOException {
    System.out.println(java.time.Instant.now() + " " + name + ": " + command);
    in.println(JSON.writeValueAsString(command));
  }

  private JsonNode read() throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("RESULT ")) {
        JsonNode result = JSON.readTree(line.substring(7));
        if (result.has("error")) {
          throw new IllegalStateException(name + ": " + result.path("error").asText());
        }
        return result;
      }
    }
    throw new IllegalStateException(name + " ended without answering");
  }

  public JsonNode send(Map<String, Object> command) throws IOException {
    write(command);
    return read();
  }

  /** Sends the same command to every driver and returns their answers in order. */
  public static List<JsonNode> sendAll(List<DriverProcess> drivers, Map<String, Object> command)
      throws IOException {
    for (DriverProcess d : drivers) {
      d.write(command);
    }
    List<JsonNode> answers = new ArrayList<>();
    for (DriverProcess d : drivers) {
      answers.add(d.read());
    }
    return answers;
  }

  @Override
  public void close() {
    try {
      in.println("{\"cmd\":\"quit\"}");
      if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
