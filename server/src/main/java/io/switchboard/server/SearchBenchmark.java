package io.switchboard.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search benchmark ({@code scripts/bench-search.sh}): logs in to a running node as a
 * generated admin and times {@code GET /v1/search} for common and rare English words and
 * two-character Chinese words of the generator's vocabulary, and words it never writes (found
 * nowhere: the costliest case for an index that filters by time), each over one-month and
 * one-year windows of the generated year; after a warm-up it reports p50, p95 and max per query
 * class and writes them under {@code bench-results/} ({@link SearchBenchmarkReport}).
 *
 * <pre>
 *   --base-url http://127.0.0.1:8080   the node
 *   --end 2026-12-01T00:00:00Z         the generated year's end (default: today, 00:00 UTC)
 *   --email admin@gen.switchboard.local --password generated-data
 *   --rounds 5                          timed calls per query after one warm-up call
 *   --results bench-results
 * </pre>
 *
 * <p>Not thread-safe: a command-line entry point; it sends one request at a time.
 */
public final class SearchBenchmark {
  /**
   * Words by class, from datagen/1-vocabulary.sql: the first ranks and the last ones; and words
   * the generator never writes.
   */
  static final Map<String, List<String>> WORDS = Map.of(
      "en-common", List.of("order", "refund", "account", "password", "delivery"),
      "en-rare", List.of("ombudsman", "affidavit", "apostille", "subrogation", "indemnity"),
      "zh-common", List.of("订单", "退款", "账户", "密码", "物流"),
      "zh-rare", List.of("仲裁", "公证", "担保", "折旧", "摊销"),
      "none", List.of("quokka", "zeppelin", "xylophone", "袋鼠", "木琴"));
  private static final ObjectMapper JSON = new ObjectMapper();

  private SearchBenchmark() {}

  /** One timed query class: its calls' milliseconds and how many results each page held. */
  record Timings(String queryClass, List<Double> millis, List<Integer> results) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>(Map.of("--base-url", "http://127.0.0.1:8080",
        "--end", Clock.systemUTC().instant().truncatedTo(ChronoUnit.DAYS).toString(),
        "--email", "admin@gen.switchboard.local", "--password", DataGenerator.DEFAULT_PASSWORD,
        "--rounds", "5", "--results", "bench-results"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!options.containsKey(args[i])) {
        System.err.println("bench-search: unknown option " + args[i]);
        System.exit(2);
      }
      options.put(args[i], args[i + 1]);
    }
    String base = options.get("--base-url");
    Instant end = Instant.parse(options.get("--end"));
    int rounds = Integer.parseInt(options.get("--rounds"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String token = login(http, base, options.get("--email"), options.get("--password"));
    System.out.println("Logged in as " + options.get("--email"));
    List<Timings> timings = new ArrayList<>();
    for (String wordClass : List.of("en-common", "en-rare", "zh-common", "zh-rare",
        "none")) {
      for (String window : List.of("month", "year")) {
        Timings measured = new Timings(wordClass + "-" + window, new ArrayList<>(),
            new ArrayList<>());
        List<String> words = WORDS.get(wordClass);
        for (int w = 0; w < words.size(); w++) {
          // Month windows walk back through the year, one month per word.
          Instant to = window.equals("year") ? end : end.minus(Duration.ofDays(30L * (2 * w)));
          Instant from = to.minus(Duration.ofDays(window.equals("year") ? 365 : 30));
          String path = "/v1/search?q=" + URLEncoder.encode(words.get(w), StandardCharsets.UTF_8)
              + "&from=" + from + "&to=" + to + "&limit=20";
          search(http, base, path, token);
          for (int r = 0; r < rounds; r++) {
            long started = System.nanoTime();
            int results = search(http, base, path, token);
            measured.millis().add((System.nanoTime() - started) / 1e6);
            measured.results().add(results);
          }
        }
        timings.add(measured);
        System.out.println("  " + SearchBenchmarkReport.line(measured));
      }
    }
    Path file = new SearchBenchmarkReport(String.join(" ", args), base, end, rounds, timings)
        .write(Path.of(options.get("--results")));
    System.out.println("Figures written to " + file);
  }

  private static String login(HttpClient http, String base, String email, String password)
      throws Exception {
    String body = JSON.writeValueAsString(Map.of("email", email, "password", password));
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create(base + "/v1/agents/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("login as " + email + " failed: " + response.statusCode()
          + " " + response.body());
    }
    return JSON.readTree(response.body()).path("token").asText();
  }

  /** One search; returns how many results the page held, or fails on anything but 200. */
  private static int search(HttpClient http, String base, String path, String token)
      throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(2)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " answered " + response.statusCode()
          + ": " + response.body());
    }
    JsonNode results = JSON.readTree(response.body()).path("results");
    return results.size();
  }
}
