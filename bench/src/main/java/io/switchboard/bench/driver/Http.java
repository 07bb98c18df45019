package io.switchboard.bench.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;

/**
 * The few HTTP calls of the bench setup (visitor tokens, agent logins, health), many at a time but
 * at most {@code concurrency} in flight.
 *
 * <p>Thread-safe.
 */
public final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10))
      .build();
  private final Semaphore permits;

  public Http(int concurrency) {
    this.permits = new Semaphore(concurrency);
  }

  /** POSTs a JSON body and returns the JSON answer; fails on any status but 200/201. */
  public CompletableFuture<JsonNode> post(URI uri, Object body) {
    String text;
    try {
      text = JSON.writeValueAsString(body);
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
    permits.acquireUninterruptibly();
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(text))
        .build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .whenComplete((r, e) -> permits.release())
        .thenApply(response -> {
          if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": "
                + response.body());
          }
          try {
            return JSON.readTree(response.body());
          } catch (Exception e) {
            throw new IllegalStateException("bad JSON from " + uri, e);
          }
        });
  }

  /** Runs {@code count} calls made by {@code call} and waits for them all, in order. */
  public static <T> List<T> all(int count, IntFunction<CompletableFuture<T>> call) {
    List<CompletableFuture<T>> futures = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      futures.add(call.apply(i));
    }
    List<T> results = new ArrayList<>(count);
    for (CompletableFuture<T> future : futures) {
      results.add(future.join());
    }
    return results;
  }

  /** True when {@code GET base/healthz} answers 200. */
  public boolean healthy(URI base) {
    try {
      HttpRequest request = HttpRequest.newBuilder(base.resolve("/healthz"))
          .timeout(Duration.ofSeconds(2)).build();
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }
}
