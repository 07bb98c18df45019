package io.switchboard.bench.suite;

/**
 * The sizes of one suite run. {@link #full()} is the real suite, scaled to finish within 30
 * minutes on two cores; {@link #smoke()} uses tiny numbers so that the tests can run the whole
 * suite in about half a minute.
 *
 * <p>{@code searchSteps} bounds the extra steps that look for W2's and W4's highest sustained
 * rate between the last sustained grid step and the first one that was not; the search stops
 * earlier once that interval is narrower than {@code searchResolution} of the rate.
 *
 * <p>Immutable and thread-safe.
 */
public record Scale(
    String name,
    int sessions, int sessionDrivers, double connectRate, double settleSeconds, double idleSeconds,
    double stormSeconds,
    int chatPairs, int chatAgents, int chatCapacity, double[] chatRates, double stepSeconds,
    int rounds, double latencySeconds,
    int routingAgents, int routingCapacity, int routingVisitors, double[] routingRates,
    int clusterNodes, int searchSteps, double searchResolution) {

  public static Scale full() {
    return new Scale("full",
        19_000, 3, 1_900, 10, 25, 30,
        5_000, 200, 25, new double[] {500, 1_000, 2_500, 5_000, 10_000, 20_000}, 8,
        3, 10,
        500, 4, 3_000, new double[] {100, 500, 1_000, 2_500, 5_000},
        3, 4, 0.03);
  }

  /**
   * W2 to W4 with a tenth of the conversations and agents, 5 s steps and two rounds: for a
   * machine too busy to run the full suite in time. Its figures are not comparable with full runs.
   */
  public static Scale small() {
    return new Scale("small",
        1_900, 1, 1_900, 10, 25, 30,
        500, 20, 25, new double[] {500, 1_000, 2_500, 5_000, 10_000, 20_000}, 5,
        2, 5,
        100, 4, 600, new double[] {100, 500, 1_000, 2_500, 5_000},
        2, 3, 0.03);
  }

  /** This scale with {@code n} rounds of the A/B alternation instead of its own number. */
  public Scale withRounds(int n) {
    return new Scale(name, sessions, sessionDrivers, connectRate, settleSeconds, idleSeconds,
        stormSeconds, chatPairs, chatAgents, chatCapacity, chatRates, stepSeconds, n,
        latencySeconds, routingAgents, routingCapacity, routingVisitors, routingRates,
        clusterNodes, searchSteps, searchResolution);
  }

  public static Scale smoke() {
    return new Scale("smoke",
        60, 2, 200, 1, 2, 15,
        20, 4, 5, new double[] {50, 100}, 2,
        1, 2,
        6, 2, 30, new double[] {20},
        2, 1, 0.1);
  }
}
