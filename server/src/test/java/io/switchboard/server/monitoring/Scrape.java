package io.switchboard.server.monitoring;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of a node's {@code /metrics}, parsed from the Prometheus text format: every sample
 * with its name, labels and value.
 *
 * <p>Immutable after parsing.
 */
record Scrape(String text, List<Sample> samples) {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** One sample line. */
  record Sample(String name, Map<String, String> labels, double value) {}

  /** Reads {@code base/metrics} (with {@code token} as a bearer when not null); fails unless 200. */
  static Scrape of(URI base, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/metrics"));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = CLIENT.send(request.build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("/metrics answered " + response.statusCode() + ": "
          + response.body());
    }
    return parse(response.body());
  }

  static Scrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        throw new AssertionError("not a sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher label = LABEL.matcher(m.group(3));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
    }
    return new Scrape(text, samples);
  }

  /** The names of every sample. */
  java.util.Set<String> names() {
    java.util.Set<String> names = new java.util.TreeSet<>();
    samples.forEach(sample -> names.add(sample.name()));
    return names;
  }

  /** The sum of the samples named {@code name} whose labels include {@code labels}. */
  double sum(String name, String... labels) {
    double total = 0;
    boolean found = false;
    for (Sample sample : samples) {
      if (sample.name().equals(name) && has(sample, labels)) {
        total += sample.value();
        found = true;
      }
    }
    if (!found) {
      throw new AssertionError("no sample " + name + " " + List.of(labels));
    }
    return total;
  }

  private static boolean has(Sample sample, String... labels) {
    for (int i = 0; i < labels.length; i += 2) {
      if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
        return false;
      }
    }
    return true;
  }
}
