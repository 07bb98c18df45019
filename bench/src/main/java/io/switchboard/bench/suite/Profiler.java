package io.switchboard.bench.suite;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JDK Flight Recorder around one workload on a node ({@code jcmd JFR.start} / {@code JFR.stop}),
 * summarised with {@code jfr view hot-methods} and by where the sampled stacks are: how many
 * samples have a frame of PostgreSQL's driver, Lettuce, Jackson, Netty or Switchboard itself.
 *
 * <p>Not thread-safe.
 */
public final class Profiler {
  private static final Map<String, String> AREAS = new LinkedHashMap<>();

  static {
    AREAS.put("PostgreSQL JDBC", "org.postgresql.");
    AREAS.put("Jdbi", "org.jdbi.");
    AREAS.put("Lettuce (Redis)", "io.lettuce.");
    AREAS.put("Jackson (JSON)", "com.fasterxml.jackson.");
    AREAS.put("Netty", "io.netty.");
    AREAS.put("Switchboard", "io.switchboard.");
    AREAS.put("Logback", "ch.qos.logback.");
  }

  private final Path jdkBin;

  public Profiler(String java) {
    this.jdkBin = Path.of(java).getParent();
  }

  public void start(long pid, String name) {
    run(List.of(jdkBin.resolve("jcmd").toString(), Long.toString(pid), "JFR.start",
        "name=" + name, "settings=profile"));
  }

  /** Stops the recording into {@code file} and returns its summary. */
  public Map<String, Object> stop(long pid, String name, Path file) {
    run(List.of(jdkBin.resolve("jcmd").toString(), Long.toString(pid), "JFR.stop",
        "name=" + name, "filename=" + file));
    Map<String, Object> out = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      out.put("error", "no recording");
      return out;
    }
    String hot = run(List.of(jdkBin.resolve("jfr").toString(), "view", "--width", "160",
        "hot-methods", file.toString()));
    out.put("hotMethods", hot.lines().filter(l -> !l.isBlank()).limit(18).toList());
    out.put("samplesWithFrameOf", areas(file));
    return out;
  }

  private Map<String, Object> areas(Path file) {
    Map<String, Long> counts = new LinkedHashMap<>();
    AREAS.keySet().forEach(k -> counts.put(k, 0L));
    Map<String, Long> ownFrames = new java.util.HashMap<>();
    long samples = 0;
    try {
      Process p = new ProcessBuilder(jdkBin.resolve("jfr").toString(), "print", "--events",
          "jdk.ExecutionSample", "--stack-depth", "24", file.toString())
          .redirectErrorStream(true).start();
      try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
        List<String> stack = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith("jdk.ExecutionSample")) {
            samples += count(stack, counts, ownFrames);
            stack.clear();
          } else {
            stack.add(line);
          }
        }
        samples += count(stack, counts, ownFrames);
      }
      p.waitFor(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      return Map.of("error", String.valueOf(e));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("samples", samples);
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      out.put(e.getKey(), samples == 0 ? 0 : StepProbe.round(100.0 * e.getValue() / samples) + "%");
    }
    long all = samples;
    out.put("nearestSwitchboardFrame", ownFrames.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
        .map(e -> e.getKey() + " " + StepProbe.round(100.0 * e.getValue() / all) + "%")
        .toList());
    return out;
  }

  /**
   * Counts one sample: each area with a frame in it, and the Switchboard frame nearest the top of
   * the stack (the project's code that the sampled work was done for).
   */
  private static long count(List<String> stack, Map<String, Long> counts,
      Map<String, Long> ownFrames) {
    if (stack.isEmpty()) {
      return 0;
    }
    for (String frame : stack) {
      String f = frame.trim();
      if (f.startsWith("io.switchboard.")) {
        int cut = f.indexOf("line:");
        ownFrames.merge((cut > 0 ? f.substring(0, cut) : f).trim(), 1L, Long::sum);
        break;
      }
    }
    String all = String.join("\n", stack);
    AREAS.forEach((name, prefix) -> {
      if (all.contains(prefix)) {
        counts.merge(name, 1L, Long::sum);
      }
    });
    return 1;
  }

  private static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes());
      p.waitFor(120, TimeUnit.SECONDS);
      return text;
    } catch (Exception e) {
      return "";
    }
  }
}
