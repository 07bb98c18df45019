package io.switchboard.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.bench.driver.Latencies;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * What every workload of one suite run shares: the options, the running stack, the setup, the
 * site key, and helpers to start driver processes and to turn their answers into report figures.
 *
 * <p>Not thread-safe: the suite runs one workload at a time.
 */
public final class SuiteContext {
  private final BenchOptions options;
  private final Stack stack;
  private final BenchSetup setup;
  private final String siteKey;
  private final Path work;
  private int driverCount;

  public SuiteContext(BenchOptions options, Stack stack, BenchSetup setup, Path work) {
    this.options = options;
    this.stack = stack;
    this.setup = setup;
    this.siteKey = setup.siteKey();
    this.work = work;
  }

  public BenchOptions options() {
    return options;
  }

  public Scale scale() {
    return options.scale();
  }

  /** The run's folder for logs and recordings. */
  public Path work() {
    return work;
  }

  public Stack stack() {
    return stack;
  }

  public BenchSetup setup() {
    return setup;
  }

  /** The JDK's jcmd next to the java binary that runs the nodes. */
  public String jcmd() {
    return Path.of(options.java()).resolveSibling("jcmd").toString();
  }

  /** Starts {@code count} drivers on the given nodes (and the peer, when it runs). */
  public List<DriverProcess> drivers(int count, List<URI> nodes) throws IOException {
    List<DriverProcess> drivers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = ++driverCount;
      List<String> args = new ArrayList<>(List.of(
          "--nodes", nodes.stream().map(URI::toString).collect(Collectors.joining(",")),
          "--site", siteKey, "--sources", "8", "--threads", "2"));
      if (stack.peerUri() != null) {
        args.addAll(List.of("--peer", stack.peerUri().toString()));
      }
      drivers.add(DriverProcess.start("driver-" + n, options.java(), options.classPath(),
          "2g", args, work.resolve("driver-" + n + ".log")));
    }
    return drivers;
  }

  /** The percentiles of histogram {@code field}, merged over the answers of several drivers. */
  public static Map<String, Double> latency(List<JsonNode> answers, String field) {
    Histogram merged = null;
    for (JsonNode answer : answers) {
      if (!answer.hasNonNull(field)) {
        continue;
      }
      Histogram h = Latencies.decode(answer.path(field).asText());
      if (merged == null) {
        merged = h;
      } else {
        merged.add(h);
      }
    }
    return Latencies.summary(merged == null ? new Histogram(3) : merged);
  }

  /** The numeric fields of the answers, summed; histograms and text are left out. */
  public static Map<String, Object> sum(List<JsonNode> answers) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (JsonNode answer : answers) {
      for (Iterator<Map.Entry<String, JsonNode>> it = answer.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isNumber()) {
          double before = out.containsKey(e.getKey()) ? ((Number) out.get(e.getKey())).doubleValue()
              : 0;
          out.put(e.getKey(), StepProbe.round(before + e.getValue().asDouble()));
        }
      }
    }
    return out;
  }

  /** {@code sum} for counts, but rates and seconds are not added up: they are the maximum. */
  public static Map<String, Object> combine(List<JsonNode> answers) {
    Map<String, Object> out = sum(answers);
    for (String key : List.of("targetRate", "seconds", "sendSeconds", "rampSeconds",
        "startSeconds", "mintSeconds", "setupSeconds")) {
      double max = -1;
      for (JsonNode a : answers) {
        if (a.has(key)) {
          max = Math.max(max, a.path(key).asDouble());
        }
      }
      if (max >= 0) {
        out.put(key, StepProbe.round(max));
      }
    }
    return out;
  }
}
