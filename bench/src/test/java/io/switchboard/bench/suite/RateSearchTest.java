package io.switchboard.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The search for the highest sustained rate, against fake systems with a known capacity. */
class RateSearchTest {
  /** A system that sustains any rate up to {@code capacity}, achieving 99.5% of it. */
  private static RateSearch.Probe capacity(double capacity, List<Double> calls) {
    return rate -> {
      calls.add(rate);
      return new RateSearch.Outcome(rate <= capacity, rate * 0.995);
    };
  }

  @Test
  void bisectionConvergesOnTheKneeWithinTheStepBudget() throws Exception {
    List<Double> calls = new ArrayList<>();
    RateSearch.Result r = RateSearch.search(5_000, 4_990, 10_000, 4, 0.01,
        capacity(7_300, calls));

    assertThat(calls).containsExactly(7_500.0, 6_250.0, 6_875.0, 7_188.0);
    assertThat(r.probed()).isEqualTo(calls);
    // four halvings of a 5,000 wide interval leave 312.5: the answer is within that of the knee
    assertThat(r.best()).isEqualTo(7_188 * 0.995);
    assertThat(7_300 - r.best()).isLessThan(5_000 / 16.0 + 7_300 * 0.005);
  }

  @Test
  void stopsEarlyOnceTheIntervalIsNarrowerThanTheResolution() throws Exception {
    List<Double> calls = new ArrayList<>();
    RateSearch.Result r = RateSearch.search(5_000, 5_000, 10_000, 20, 0.05,
        capacity(9_000, calls));

    // 5% of ~8,900 is ~445: 5,000 -> 2,500 -> 1,250 -> 625 -> 312.5 wide, then stop
    assertThat(calls).hasSize(4);
    assertThat(r.best()).isEqualTo(8_750 * 0.995);
  }

  @Test
  void aSystemFailingEveryProbeKeepsTheGridResult() throws Exception {
    List<Double> calls = new ArrayList<>();
    RateSearch.Result r = RateSearch.search(100, 99.8, 500, 3, 0.03, capacity(100, calls));

    assertThat(calls).containsExactly(300.0, 200.0, 150.0);
    assertThat(r.best()).isEqualTo(99.8);
  }

  @Test
  void withNothingSustainedItSearchesBelowTheFirstStep() throws Exception {
    List<Double> calls = new ArrayList<>();
    RateSearch.Result r = RateSearch.search(0, 0, 20, 3, 0.1, capacity(7, calls));

    assertThat(calls).containsExactly(10.0, 5.0, 8.0);
    assertThat(r.best()).isEqualTo(5 * 0.995);
  }

  @Test
  void aNoisyFailureNeverRaisesTheAnswerAboveASustainedStep() throws Exception {
    // sustained at 7,500, then a disturbed step fails at 8,750 though 9,000 would pass
    RateSearch.Result r = RateSearch.search(5_000, 5_000, 10_000, 3, 0.01,
        rate -> new RateSearch.Outcome(rate == 7_500 || rate == 8_125, rate));

    assertThat(r.probed()).containsExactly(7_500.0, 8_750.0, 8_125.0);
    assertThat(r.best()).isEqualTo(8_125);
  }

  @Test
  void theSweepRunsTheGridThenSearchesAndMarksSearchSteps() throws Exception {
    List<Double> rates = new ArrayList<>();
    Map<String, Object> sweep = Sweep.run(new double[] {100, 200, 400, 800}, "achieved", 2, 0.01,
        rate -> {
          rates.add(rate);
          return new java.util.LinkedHashMap<>(Map.of("targetRate", rate, "achieved", rate,
              "sustained", rate <= 300));
        });

    assertThat(rates).containsExactly(100.0, 200.0, 400.0, 300.0, 350.0);
    assertThat(sweep.get("gridMaxSustained")).isEqualTo(200.0);
    assertThat(sweep.get("maxSustained")).isEqualTo(300.0);
    List<?> steps = (List<?>) sweep.get("steps");
    assertThat(steps).hasSize(5);
    assertThat(((Map<?, ?>) steps.get(3)).get("search")).isEqualTo(true);
    assertThat(((Map<?, ?>) steps.get(2)).get("search")).isNull();
    assertThat(((Map<?, ?>) sweep.get("search")).get("between")).isEqualTo(List.of(200.0, 400.0));
  }

  @Test
  void aSweepWithoutSearchStepsOrWithEveryStepSustainedDoesNotSearch() throws Exception {
    Sweep.Step pass = rate -> new java.util.LinkedHashMap<>(Map.of("achieved", rate,
        "sustained", true));
    Sweep.Step failSecond = rate -> new java.util.LinkedHashMap<>(Map.of("achieved", rate,
        "sustained", rate < 200));

    assertThat(Sweep.run(new double[] {100, 200}, "achieved", 4, 0.01, pass))
        .containsEntry("maxSustained", 200.0).extracting(m -> m.get("search"))
        .asString().startsWith("none");
    assertThat(Sweep.run(new double[] {100, 200}, "achieved", 0, 0.01, failSecond))
        .containsEntry("maxSustained", 100.0).containsEntry("search", "off at this scale");
  }
}
