package io.switchboard.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The monitoring settings: defaults, values read, wrong ones named, the token never printed. */
class MonitoringSettingsTest {
  @Test
  void defaultsAreNoTokenTextLogsAndAFiveSecondDrain() {
    MonitoringSettings monitoring = ConfigLoader.load(Map.of()).monitoring();
    assertThat(monitoring).isEqualTo(MonitoringSettings.defaults());
    assertThat(monitoring.metricsToken()).isNull();
    assertThat(monitoring.logFormat()).isEqualTo("text");
    assertThat(monitoring.drainGrace()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void valuesAreReadAndTheTokenIsNotShown() {
    MonitoringSettings monitoring = ConfigLoader.load(Map.of(
        "SWITCHBOARD_METRICS_TOKEN", "a-long-enough-scrape-token", "SWITCHBOARD_LOG_FORMAT", "JSON",
        "SWITCHBOARD_DRAIN_SECONDS", "0")).monitoring();
    assertThat(monitoring.metricsToken()).isEqualTo("a-long-enough-scrape-token");
    assertThat(monitoring.logFormat()).isEqualTo("json");
    assertThat(monitoring.drainGrace()).isZero();
    assertThat(monitoring.toString()).doesNotContain("a-long-enough-scrape-token");
  }

  @Test
  void wrongValuesAreReportedByName() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("SWITCHBOARD_METRICS_TOKEN", "short",
        "SWITCHBOARD_LOG_FORMAT", "xml", "SWITCHBOARD_DRAIN_SECONDS", "-1")))
        .hasMessageContaining("SWITCHBOARD_METRICS_TOKEN")
        .hasMessageContaining("SWITCHBOARD_LOG_FORMAT=xml")
        .hasMessageContaining("SWITCHBOARD_DRAIN_SECONDS");
  }
}
