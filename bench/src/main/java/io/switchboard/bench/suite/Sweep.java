package io.switchboard.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workload's rate sweep: the coarse grid of steps, in order, until one is not sustained, then
 * a {@link RateSearch} between the last sustained step and that one. The result keeps every step
 * (grid steps first, then search steps marked {@code "search": true}), the grid's highest
 * sustained rate as before, and the highest sustained rate with the search.
 *
 * <p>Stateless and thread-safe; the step function decides what a step does.
 */
public final class Sweep {
  /** A pause before each search step, so that the backlog of an overloaded step drains. */
  static final long SETTLE_MILLIS = 2_000;

  private Sweep() {}

  /** Runs one step at a target rate and returns its figures, with a boolean {@code sustained}. */
  public interface Step {
    Map<String, Object> run(double rate) throws Exception;
  }

  /**
   * Sweeps {@code rates} with {@code step}; {@code achievedKey} names the achieved rate in a
   * step's figures. With {@code searchSteps} 0 there is no search.
   */
  public static Map<String, Object> run(double[] rates, String achievedKey, int searchSteps,
      double resolution, Step step) throws Exception {
    List<Map<String, Object>> steps = new ArrayList<>();
    double lastSustained = 0;
    double gridMax = 0;
    double failed = -1;
    for (double rate : rates) {
      Map<String, Object> figures = step.run(rate);
      steps.add(figures);
      if (!sustained(figures)) {
        failed = rate;
        break;
      }
      lastSustained = rate;
      gridMax = Math.max(gridMax, achieved(figures, achievedKey));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("gridMaxSustained", gridMax);
    double best = gridMax;
    if (failed > 0 && searchSteps > 0) {
      RateSearch.Result result = RateSearch.search(lastSustained, gridMax, failed, searchSteps,
          resolution, rate -> {
            Thread.sleep(SETTLE_MILLIS);
            Map<String, Object> figures = step.run(rate);
            figures.put("search", true);
            steps.add(figures);
            return new RateSearch.Outcome(sustained(figures), achieved(figures, achievedKey));
          });
      best = result.best();
      Map<String, Object> search = new LinkedHashMap<>();
      search.put("between", List.of(lastSustained, failed));
      search.put("probed", result.probed());
      search.put("maxSteps", searchSteps);
      out.put("search", search);
    } else {
      out.put("search", failed > 0 ? "off at this scale"
          : "none: every grid step was sustained, the maximum is above the grid");
    }
    out.put("maxSustained", best);
    out.put("steps", steps);
    return out;
  }

  private static boolean sustained(Map<String, Object> figures) {
    return Boolean.TRUE.equals(figures.get("sustained"));
  }

  private static double achieved(Map<String, Object> figures, String key) {
    return figures.get(key) instanceof Number n ? n.doubleValue() : 0;
  }
}
