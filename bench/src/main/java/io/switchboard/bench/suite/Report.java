package io.switchboard.bench.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes one run's results: {@code <date>.json} (everything, machine-readable),
 * {@code <date>.md} (the tables people read) and {@code <date>-latency.svg} (the chart).
 *
 * <p>Not thread-safe.
 */
public final class Report {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private Report() {}

  /** Writes the three files for {@code results} and returns the path of the markdown file. */
  public static Path write(Path dir, String stem, Map<String, Object> results,
      List<Map<String, Object>> chartPoints) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(stem + ".json"), JSON.writeValueAsString(results));
    String svgName = stem + "-latency.svg";
    Files.writeString(dir.resolve(svgName),
        Chart.svg("W2: delivery p99 against achieved rate", chartPoints));
    Path md = dir.resolve(stem + ".md");
    Files.writeString(md, markdown(results, svgName));
    return md;
  }

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> r, String svgName) {
    StringBuilder md = new StringBuilder();
    md.append("# Switchboard benchmark results, ").append(r.get("startedAt")).append("\n\n");
    md.append("- Command: `").append(r.get("command")).append("`\n");
    md.append("- Scale: ").append(r.get("scale")).append(", workloads ")
        .append(r.get("workloads")).append(", ").append(r.get("durationSeconds"))
        .append(" s in all\n");
    ((Map<String, Object>) r.get("machine")).forEach((k, v) ->
        md.append("- ").append(k).append(": ").append(v).append('\n'));
    md.append("- Steal over the whole run: ").append(r.get("stealPercent"))
        .append("% (a step with more than 5% steal is marked in the JSON as stealMarked)\n");
    md.append("- Load average at the end: ").append(r.get("loadAverageAtEnd"))
        .append(" (other work on this machine shows in the load average, not as steal; each step "
            + "records it as loadAverage1m)\n");
    md.append("- Server, driver, PostgreSQL, Redis and the peer share the same two cores.\n\n");
    md.append("## Targets\n\n| workload | target | measured | met |\n|---|---|---|---|\n");
    for (Map<String, Object> c : (List<Map<String, Object>>) r.get("targets")) {
      md.append("| ").append(c.get("workload")).append(" | ").append(c.get("target"))
          .append(" | ").append(c.get("measured")).append(" | ")
          .append(Boolean.TRUE.equals(c.get("met")) ? "met" : "**missed**").append(" |\n");
    }
    Map<String, Object> w = (Map<String, Object>) r.get("results");
    for (Map.Entry<String, Object> e : w.entrySet()) {
      md.append("\n## ").append(e.getKey()).append("\n\n");
      Map<String, Object> body = (Map<String, Object>) e.getValue();
      switch (e.getKey()) {
        case "W2" -> {
          scalars(md, body);
          List<Map<String, Object>> rounds = (List<Map<String, Object>>) body
              .getOrDefault("rounds", List.of());
          md.append("\n").append(stepHeader());
          for (Map<String, Object> rr : rounds) {
            for (Object s : (List<?>) rr.get("steps")) {
              md.append(stepRow(runName(rr, (Map<String, Object>) s), (Map<String, Object>) s));
            }
          }
          md.append("\n![latency against rate](").append(svgName).append(")\n");
          md.append(ReportCpu.searchTable("msgs/s", rounds));
          List<Map<String, Object>> cpuRows = new ArrayList<>();
          rounds.forEach(rr -> ((List<Map<String, Object>>) rr.get("steps")).forEach(step -> {
            Map<String, Object> row = new LinkedHashMap<>(step);
            row.put("run", runName(rr, step));
            cpuRows.add(row);
          }));
          for (Map<String, Object> e2 : (List<Map<String, Object>>) body
              .getOrDefault("echoFloor", List.of())) {
            Map<String, Object> row = new LinkedHashMap<>(e2);
            row.put("run", "echo (floor) #" + e2.get("round"));
            cpuRows.add(row);
          }
          md.append(ReportCpu.cpuTable("messages acknowledged", cpuRows));
          md.append(ReportCpu.comparison(body));
        }
        case "W3" -> {
          scalars(md, body);
          md.append("\n").append(stepHeader());
          for (Object s : (List<?>) body.get("runs")) {
            Map<String, Object> step = (Map<String, Object>) s;
            md.append(stepRow(step.get("system") + " #" + step.get("round"), step));
          }
        }
        case "W4" -> {
          scalars(md, body);
          md.append("\n| target/s | assigned/s | arrivals | skipped | p50 ms | p99 ms | p99.9 ms "
              + "| over capacity | CPU % | RSS MiB | steal % |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
          for (Object s : (List<?>) body.get("steps")) {
            Map<String, Object> st = (Map<String, Object>) s;
            Map<String, Object> lat = (Map<String, Object>) st.get("routing");
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                st.get("targetRate") + (Boolean.TRUE.equals(st.get("search")) ? " (search)" : ""),
                st.get("assignedPerSecond"), st.get("arrivals"),
                st.get("skipped"), lat.get("p50Ms"), lat.get("p99Ms"), lat.get("p999Ms"),
                st.get("maxAgentsOverCapacity"), st.get("cpuPercent"), st.get("rssMiB"),
                st.get("stealPercent")));
          }
          Map<String, Object> sweep = new LinkedHashMap<>(body);
          sweep.put("system", "switchboard");
          sweep.put("round", 1);
          md.append(ReportCpu.searchTable("assignments/s", List.of(sweep)));
          List<Map<String, Object>> cpuRows = new ArrayList<>();
          for (Object s : (List<?>) body.get("steps")) {
            Map<String, Object> row = new LinkedHashMap<>((Map<String, Object>) s);
            row.put("run", Boolean.TRUE.equals(row.get("search")) ? "switchboard (search)"
                : "switchboard");
            cpuRows.add(row);
          }
          md.append(ReportCpu.cpuTable("assignments", cpuRows));
        }
        case "W6" -> {
          Map<String, Object> sweep = (Map<String, Object>) body.get("sweep");
          Map<String, Object> setup = (Map<String, Object>) body.get("setup");
          md.append("Nodes: ").append(body.get("nodes")).append(", highest sustained: ")
              .append(sweep.get("maxSustained")).append(" msgs/s. Delivery latency is visitor "
                  + "on one node to agent on another for most conversations.\n\n");
          if (setup != null && setup.get("started") != null && setup.get("assigned") != null) {
            double started = ((Number) setup.get("started")).doubleValue();
            double assigned = ((Number) setup.get("assigned")).doubleValue();
            md.append(String.format(Locale.ROOT, "Setup: %.0f conversations started, %.0f "
                + "assigned, **%.0f unassigned**, in %s s.%n%n", started, assigned,
                started - assigned, setup.get("setupSeconds")));
          }
          md.append(stepHeader());
          for (Object s : (List<?>) sweep.get("steps")) {
            md.append(stepRow(String.valueOf(sweep.get("system")), (Map<String, Object>) s));
          }
          if (body.get("reportedStep") instanceof Map<?, ?> reported) {
            md.append(stepRow(sweep.get("system") + " (reported rate)",
                (Map<String, Object>) reported));
          }
        }
        default -> scalars(md, body);
      }
    }
    Map<String, Object> profiles = (Map<String, Object>) r.get("profiles");
    if (profiles != null && !profiles.isEmpty()) {
      md.append("\n## Where the time goes (JFR on node 1, per workload)\n");
      profiles.forEach((name, p) -> {
        Map<String, Object> prof = (Map<String, Object>) p;
        Map<String, Object> areas = (Map<String, Object>) prof.get("samplesWithFrameOf");
        Object own = areas == null ? null : areas.remove("nearestSwitchboardFrame");
        md.append("\n### ").append(name).append("\n\nSamples with a frame of: ")
            .append(areas).append("\n\nSwitchboard frame nearest the top of each sample:\n\n```\n");
        if (own instanceof List<?> frames) {
          frames.forEach(f -> md.append(f).append('\n'));
        }
        md.append("```\n\nHot methods (self time):\n\n```\n");
        for (Object line : (List<?>) prof.getOrDefault("hotMethods", List.of())) {
          md.append(line).append('\n');
        }
        md.append("```\n");
      });
    }
    return md.toString();
  }

  private static String runName(Map<String, Object> sweep, Map<String, Object> step) {
    return sweep.get("system") + " #" + sweep.get("round")
        + (Boolean.TRUE.equals(step.get("search")) ? " (search)" : "");
  }

  private static String stepHeader() {
    return "| run | target/s | acked/s | sent | lost | delivery p50 ms | p99 ms | p99.9 ms "
        + "| commit p99 ms | CPU % | RSS MiB | heap MiB | steal % | load | sustained |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  }

  @SuppressWarnings("unchecked")
  private static String stepRow(String name, Map<String, Object> s) {
    Map<String, Object> d = (Map<String, Object>) s.get("delivery");
    Map<String, Object> c = (Map<String, Object>) s.get("commit");
    return String.format(Locale.ROOT,
        "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s%s | %s | %s |%n",
        name, s.get("targetRate"), s.get("ackedPerSecond"), s.get("sent"),
        s.getOrDefault("lost", "-"), d.get("p50Ms"), d.get("p99Ms"), d.get("p999Ms"),
        c.get("p99Ms"), s.get("cpuPercent"), s.get("rssMiB"), s.getOrDefault("heapUsedMiB", "-"),
        s.get("stealPercent"), Boolean.TRUE.equals(s.get("stealMarked")) ? " (marked)" : "",
        s.get("loadAverage1m"), Boolean.TRUE.equals(s.get("sustained")) ? "yes" : "no");
  }

  private static void scalars(StringBuilder md, Map<String, Object> body) {
    body.forEach((k, v) -> {
      if (!(v instanceof List<?>)) {
        md.append("- ").append(k).append(": ").append(v).append('\n');
      }
    });
  }
}
