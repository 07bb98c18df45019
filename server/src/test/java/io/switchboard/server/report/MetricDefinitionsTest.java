package io.switchboard.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The metric definitions live in one list in the code; README "Report metrics" is the same
 * table. This test fails when the two disagree (an id, subject, unit, name or definition), and
 * when a definition is missing in either language.
 */
class MetricDefinitionsTest {
  @Test
  void theReadmeTableIsTheCodesList() throws IOException {
    Path readme = Files.exists(Path.of("README.md")) && Files.readString(Path.of("README.md"),
        StandardCharsets.UTF_8).contains("## Report metrics") ? Path.of("README.md")
        : Path.of("..", "README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int start = text.indexOf("\n## Report metrics\n");
    assertThat(start).as("README has a Report metrics section").isPositive();
    int end = text.indexOf("\n## ", start + 5);
    List<List<String>> rows = new ArrayList<>();
    for (String line : text.substring(start, end < 0 ? text.length() : end).split("\n")) {
      if (line.startsWith("| `")) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.substring(1, line.length() - 1).split(" \\| ")) {
          cells.add(cell.strip());
        }
        rows.add(cells);
      }
    }
    List<List<String>> expected = MetricDefinitions.ALL.stream().map(metric -> List.of(
        "`" + metric.id() + "`", metric.subject(), metric.unit(), metric.nameEn(),
        metric.nameZh(), metric.definitionEn())).toList();
    assertThat(rows).isEqualTo(expected);
  }

  @Test
  void everyMetricIsWellFormed() {
    Set<String> subjects = Set.of("chat", "ticket", "csat", "sla", "agent", "availability");
    Set<String> units = Set.of("seconds", "count", "rate", "score");
    for (MetricDefinitions.Metric metric : MetricDefinitions.ALL) {
      assertThat(metric.id()).startsWith(metric.subject() + ".");
      assertThat(subjects).contains(metric.subject());
      assertThat(units).contains(metric.unit());
      assertThat(List.of(metric.nameEn(), metric.nameZh(), metric.definitionEn(),
          metric.definitionZh())).allSatisfy(text -> assertThat(text).isNotBlank());
    }
    assertThat(MetricDefinitions.ALL.stream().map(MetricDefinitions.Metric::id)
        .collect(Collectors.toSet())).hasSize(MetricDefinitions.ALL.size());
  }
}
