package io.switchboard.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * W2's comparison of CPU per message and of the highest sustained rates, the targets checked on
 * them, and the report's tables, on made-up step figures.
 */
class CpuReportTest {
  private static Map<String, Object> step(double rate, boolean sustained, boolean search,
      double serverMsPer1000) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("targetRate", rate);
    s.put("ackedPerSecond", rate);
    s.put("sustained", sustained);
    if (search) {
      s.put("search", true);
    }
    s.put("cpuMsPer1000", Map.of("server", serverMsPer1000, "postgres", 10.0, "total",
        serverMsPer1000 + 10));
    s.put("stealPercent", 0.0);
    s.put("delivery", Map.of("p50Ms", 3.0, "p99Ms", 30.0, "p999Ms", 60.0));
    s.put("commit", Map.of("p99Ms", 29.0));
    return s;
  }

  private static Map<String, Object> sweep(String system, int round, double max,
      Map<String, Object>... steps) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("system", system);
    s.put("round", round);
    s.put("gridMaxSustained", 5_000.0);
    s.put("search", Map.of("between", List.of(5_000.0, 10_000.0), "probed", List.of(7_500.0)));
    s.put("maxSustained", max);
    s.put("steps", new ArrayList<>(List.of(steps)));
    return s;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> w2(double sbServerCpu) {
    List<Map<String, Object>> rounds = List.of(
        sweep("switchboard", 1, 7_500, step(2_500, true, false, sbServerCpu + 5),
            step(5_000, true, false, sbServerCpu), step(10_000, false, false, 200),
            step(7_500, true, true, 90)),
        sweep("peer", 1, 5_000, step(2_500, true, false, 120), step(5_000, true, false, 100),
            step(10_000, false, false, 300), step(7_500, false, true, 150)),
        sweep("switchboard", 2, 7_000, step(2_500, true, false, sbServerCpu + 5),
            step(5_000, true, false, sbServerCpu), step(10_000, false, false, 200)),
        sweep("peer", 2, 4_800, step(2_500, true, false, 120), step(5_000, false, false, 100)));
    Map<String, Object> maxima = Map.of("switchboard", Map.of("median", 7_500.0),
        "peer", Map.of("median", 5_000.0));
    double rate = CpuComparison.commonRate((List<Map<String, Object>>) (List<?>) rounds,
        new double[] {2_500, 5_000, 10_000});
    Map<String, Object> cpu = CpuComparison.summary(rounds, rate,
        List.of(step(rate, true, false, 0)));
    Map<String, Object> w2 = new LinkedHashMap<>();
    w2.put("rounds", rounds);
    w2.put("maxSustained", maxima);
    w2.put("cpuMsPer1000Messages", cpu);
    w2.put("ratios", CpuComparison.ratios(maxima, cpu));
    return w2;
  }

  @Test
  void comparesAtTheHighestGridRateEveryRunSustained() {
    Map<String, Object> w2 = w2(50);

    // peer #2 failed 5,000, and search steps do not count: 2,500 is the common rate
    assertThat(Targets.num(w2, "cpuMsPer1000Messages.atRate")).isEqualTo(2_500);
    assertThat(Targets.num(w2, "cpuMsPer1000Messages.switchboard.server")).isEqualTo(55);
    assertThat(Targets.num(w2, "cpuMsPer1000Messages.peer.server")).isEqualTo(120);
    assertThat(Targets.num(w2, "cpuMsPer1000Messages.echo.server")).isZero();
    assertThat(Targets.num(w2, "ratios.rate")).isEqualTo(1.5);
    assertThat(Targets.num(w2, "ratios.serverCpuPerMessage")).isEqualTo(0.458);
  }

  @Test
  void targetsMarkTheRatiosMetOrMissedFromTheFigures() {
    Map<String, Map<String, Object>> met = Map.of("W2", w2(50));
    Map<String, Map<String, Object>> missed = Map.of("W2", w2(100));

    assertThat(ratioChecks(met)).extracting(c -> c.get("met")).containsExactly(true, true);
    assertThat(ratioChecks(missed)).extracting(c -> c.get("met")).containsExactly(true, false);
  }

  private static List<Map<String, Object>> ratioChecks(Map<String, Map<String, Object>> w) {
    return Targets.assess(w).stream()
        .filter(c -> ((String) c.get("target")).contains("peer's")).toList();
  }

  @Test
  void theReportShowsTheSearchTheCpuTableAndTheRatios() {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("startedAt", "now");
    run.put("machine", Map.of());
    run.put("targets", Targets.assess(Map.of("W2", w2(50))));
    run.put("results", Map.of("W2", w2(50)));

    String md = Report.markdown(run, "chart.svg");

    assertThat(md).contains("### Highest sustained rate (msgs/s)",
        "| switchboard #1 | 5000.0 | [5000.0, 10000.0] | 7500.0 yes | **7500.0** |",
        "| peer #1 | 5000.0 | [5000.0, 10000.0] | 7500.0 no | **5000.0** |",
        "### CPU time per 1,000 messages acknowledged (ms)",
        "| switchboard #1 (search) | 7500.0 | 7500.0 | 90.0 | 10.0 | - | - | 100.0 | 0.0 |",
        "| switchboard | 55.0 | 10.0 | - | - | 65.0 | 2 |",
        "highest sustained rate 1.5x (target at least 1.5x), server CPU per durable message "
            + "0.458x");
  }
}
