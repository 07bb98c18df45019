package io.switchboard.bench.suite;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds a workload's highest sustained rate between two steps of the coarse grid: the last rate
 * that was sustained and the first that was not. It bisects that interval, one step per probe,
 * until the interval is narrower than {@code resolution} (a share of the rate) or the step budget
 * is spent. Each probe is one ordinary bounded step of the workload, judged by the workload's own
 * "sustained" rule. The result is the highest achieved rate of any sustained probe, or of the
 * grid step the search started from, so a noisy probe never raises the answer above what was
 * really sustained.
 *
 * <p>Stateless and thread-safe; the probe decides what a step does.
 */
public final class RateSearch {
  private RateSearch() {}

  /** What one step at a target rate did: whether it was sustained, and the rate it achieved. */
  public record Outcome(boolean sustained, double achieved) {}

  /** Runs one step at {@code rate}. */
  public interface Probe {
    Outcome run(double rate) throws Exception;
  }

  /** The rates probed, in order, and the highest achieved rate of a sustained step. */
  public record Result(List<Double> probed, double best) {}

  /**
   * Searches between {@code sustainedRate} (sustained, achieving {@code sustainedAchieved}; 0
   * when no step was) and {@code failedRate} (not sustained), with at most {@code maxSteps}
   * probes, stopping once the interval is at most {@code resolution} of its lower end (of half
   * its upper end while nothing was sustained).
   */
  public static Result search(double sustainedRate, double sustainedAchieved, double failedRate,
      int maxSteps, double resolution, Probe probe) throws Exception {
    double low = sustainedRate;
    double high = failedRate;
    double best = sustainedAchieved;
    List<Double> probed = new ArrayList<>();
    while (probed.size() < maxSteps && high - low > resolution * Math.max(low, high / 2)) {
      double rate = Math.round((low + high) / 2);
      if (rate <= low || rate >= high) {
        break;
      }
      probed.add(rate);
      Outcome outcome = probe.run(rate);
      if (outcome.sustained()) {
        low = rate;
        best = Math.max(best, outcome.achieved());
      } else {
        high = rate;
      }
    }
    return new Result(probed, best);
  }
}
