package io.switchboard.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The wait estimate: ⌈position ÷ capacity⌉ × average handle time, unknown without capacity. */
class WaitEstimateTest {
  @Test
  void roundsOfFreedSlotsTimesTheHandleTime() {
    assertThat(RoutingService.estimateSeconds(1, 1, 300)).isEqualTo(300);
    assertThat(RoutingService.estimateSeconds(3, 2, 225)).isEqualTo(450);
    assertThat(RoutingService.estimateSeconds(4, 4, 120)).isEqualTo(120);
    assertThat(RoutingService.estimateSeconds(5, 4, 120)).isEqualTo(240);
  }

  @Test
  void unknownWhenNobodyIsOnline() {
    assertThat(RoutingService.estimateSeconds(1, 0, 300)).isEqualTo(-1);
  }
}
