package io.switchboard.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The second performance round's targets for W3, W5 and W6, judged from the figures. */
class RoundTwoTargetsTest {
  private static Map<String, Object> step(double rate, double p99, boolean sustained) {
    return Map.of("targetRate", rate, "sustained", sustained,
        "delivery", Map.of("p50Ms", 1.0, "p99Ms", p99, "p999Ms", p99),
        "commit", Map.of("p99Ms", p99 / 2));
  }

  private static Map<String, Object> met(String workload, String target,
      Map<String, Map<String, Object>> results) {
    return Targets.assess(results).stream()
        .filter(c -> c.get("workload").equals(workload)
            && ((String) c.get("target")).startsWith(target))
        .findFirst().orElseThrow();
  }

  @Test
  void w6IsJudgedOnItsUnassignedConversationsAndTheStepAtTheReportedRate() {
    Map<String, Object> w6 = Map.of(
        "setup", Map.of("started", 5000.0, "assigned", 5000.0),
        "sweep", Map.of("steps", List.of(step(500, 400, false), step(250, 90, true))),
        "reportedStep", step(1000, 700, false));
    Map<String, Map<String, Object>> results = Map.of("W6", w6);

    assertThat(met("W6", "zero unassigned", results).get("met")).isEqualTo(true);
    Map<String, Object> at1000 = met("W6", "cross-node delivery p99 at 1000.0", results);
    assertThat(at1000.get("measured")).isEqualTo("700.0 ms");
    assertThat(at1000.get("met")).isEqualTo(false);

    Map<String, Object> lost = Map.of(
        "setup", Map.of("started", 5000.0, "assigned", 4936.0),
        "sweep", Map.of("steps", List.of(step(500, 40, true), step(1000, 60, true))));
    assertThat(met("W6", "zero unassigned", Map.of("W6", lost)).get("measured"))
        .isEqualTo("64.0 conversations");
    // Without an extra step the sweep's own step at the reported rate counts.
    assertThat(met("W6", "cross-node", Map.of("W6", lost)).get("met")).isEqualTo(true);
  }

  @Test
  void w3IsJudgedAgainstThePeerInTheSameRunAndOnItsCommits() {
    Map<String, Object> w3 = Map.of("runs", List.of(
        Map.of("system", "switchboard", "delivery", Map.of("p50Ms", 2.0, "p99Ms", 20.0,
            "p999Ms", 30.0), "commit", Map.of("p99Ms", 8.0)),
        Map.of("system", "peer", "delivery", Map.of("p50Ms", 4.0, "p99Ms", 50.0,
            "p999Ms", 60.0), "commit", Map.of("p99Ms", 40.0))));

    Map<String, Object> half = met("W3", "p99 <= half the peer's", Map.of("W3", w3));
    assertThat(half.get("measured")).isEqualTo("0.4 x");
    assertThat(half.get("met")).isEqualTo(true);
    assertThat(met("W3", "commit p99 <= 10 ms", Map.of("W3", w3)).get("met")).isEqualTo(true);
  }

  @Test
  void w5CountsTheResumeP99AgainstFiveSeconds() {
    Map<String, Object> slow = Map.of("resumedWithin10sPercent", 100.0, "gaps", 0.0,
        "resume", Map.of("p99Ms", 9_900.0));
    Map<String, Object> fast = Map.of("resumedWithin10sPercent", 100.0, "gaps", 0.0,
        "resume", Map.of("p99Ms", 4_200.0));

    assertThat(met("W5", "99% resumed within 5 s", Map.of("W5", slow)).get("met")).isEqualTo(false);
    assertThat(met("W5", "99% resumed within 5 s", Map.of("W5", fast)).get("met")).isEqualTo(true);
  }
}
