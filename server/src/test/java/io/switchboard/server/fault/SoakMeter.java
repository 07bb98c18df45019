package io.switchboard.server.fault;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a soak watches, sample by sample: a node's heap in use and the direct memory Netty holds
 * (read from its {@code /metrics}), and the time from send to acknowledgement of the messages
 * acknowledged since the last sample. Summaries compare the floor of the heap, the peak of direct
 * memory and the median of the steady samples' p99 between two stretches of the run.
 *
 * <p>Thread-safe: acknowledgements arrive from the clients' threads; samples are taken by one.
 */
final class SoakMeter {
  /** One sample: {@code seconds} into the run; memory in bytes, -1 when the node did not answer. */
  record Sample(long seconds, long heap, long direct, long otherHeap, long p50Micros,
      long p99Micros, int acknowledged, String event) {}

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Long> window = new ArrayList<>();
  private final List<Sample> samples = new ArrayList<>();

  /** Records one acknowledgement, {@code nanos} after its send. */
  void acknowledged(long nanos) {
    synchronized (window) {
      window.add(nanos);
    }
  }

  /** Takes a sample of {@code watched} (and the heap of {@code other}); returns it. */
  Sample sample(long seconds, URI watched, URI other, String event) {
    long[] memory = memory(watched);
    long otherHeap = memory(other)[0];
    List<Long> times;
    synchronized (window) {
      times = new ArrayList<>(window);
      window.clear();
    }
    Collections.sort(times);
    Sample sample = new Sample(seconds, memory[0], memory[1], otherHeap,
        percentile(times, 50) / 1000, percentile(times, 99) / 1000, times.size(), event);
    samples.add(sample);
    return sample;
  }

  List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** The lowest heap in use among the samples {@code in} takes (the floor after collections). */
  long heapFloor(Predicate<Sample> in) {
    return samples.stream().filter(in).filter(s -> s.heap() >= 0).mapToLong(Sample::heap).min()
        .orElse(-1);
  }

  /** The most direct memory among the samples {@code in} takes. */
  long directPeak(Predicate<Sample> in) {
    return samples.stream().filter(in).mapToLong(Sample::direct).max().orElse(-1);
  }

  /** The median of the p99s of the samples {@code in} takes. */
  long medianP99Micros(Predicate<Sample> in) {
    List<Long> p99s = new ArrayList<>(samples.stream().filter(in)
        .filter(s -> s.acknowledged() > 0).map(Sample::p99Micros).toList());
    Collections.sort(p99s);
    return p99s.isEmpty() ? -1 : p99s.get(p99s.size() / 2);
  }

  private static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  /** Heap in use (every heap pool) and Netty's direct memory, or -1s when the node is down. */
  private long[] memory(URI node) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(node.resolve("/metrics"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      long heap = 0;
      long direct = -1;
      for (String line : response.body().split("\n")) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          heap += value(line);
        } else if (line.startsWith("switchboard_netty_direct_used_bytes")) {
          direct = value(line);
        }
      }
      return new long[] {heap, direct};
    } catch (java.io.IOException e) {
      return new long[] {-1, -1};
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new long[] {-1, -1};
    }
  }

  private static long value(String line) {
    return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  /** The samples as a Markdown table. */
  String table() {
    StringBuilder out = new StringBuilder("| s | node B heap MiB | node B Netty direct MiB"
        + " | node A heap MiB | acks | p50 ms | p99 ms | event |\n|---|---|---|---|---|---|---|---|\n");
    for (Sample s : samples) {
      out.append(String.format("| %d | %s | %s | %s | %d | %.1f | %.1f | %s |%n", s.seconds(),
          mib(s.heap()), mib(s.direct()), mib(s.otherHeap()), s.acknowledged(),
          s.p50Micros() / 1000.0, s.p99Micros() / 1000.0, s.event()));
    }
    return out.toString();
  }

  static String mib(long bytes) {
    return bytes < 0 ? "-" : String.format("%.1f", bytes / 1048576.0);
  }
}
