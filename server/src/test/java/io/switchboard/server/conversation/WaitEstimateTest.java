package io.switchboard.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The wait estimate: ⌈position ÷ capacity⌉ × average handle time, unknown without capacity. */
class WaitEstimateTest {
  @Test
  void roundsOfFreedSlotsTimesTheHandleTime() {
    assertThat(QueuePositions.estimateSeconds(1, 1, 300)).isEqualTo(300);
    assertThat(QueuePositions.estimateSeconds(3, 2, 225)).isEqualTo(450);
    assertThat(QueuePositions.estimateSeconds(4, 4, 120)).isEqualTo(120);
    assertThat(QueuePositions.estimateSeconds(5, 4, 120)).isEqualTo(240);
  }

  @Test
  void unknownWhenNobodyIsOnline() {
    assertThat(QueuePositions.estimateSeconds(1, 0, 300)).isEqualTo(-1);
  }
}
