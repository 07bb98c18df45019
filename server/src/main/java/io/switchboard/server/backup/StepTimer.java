package io.switchboard.server.backup;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Times the steps of a backup, restore or drill: {@link #begin} ends the step before it, prints
 * the new step's name, and the finished steps keep their seconds for the report.
 *
 * <p>Not thread-safe: one sequence of steps, one thread.
 */
public final class StepTimer {
  /** A finished step and how long it took. */
  public record Step(String name, double seconds) {}

  private final PrintStream out;
  private final List<Step> finished = new ArrayList<>();
  private String current;
  private long startedNanos;

  private final Consumer<String> onBegin;

  public StepTimer(PrintStream out) {
    this(out, name -> { });
  }

  /** A timer that also tells {@code onBegin} each step's name as it starts. */
  public StepTimer(PrintStream out, Consumer<String> onBegin) {
    this.out = out;
    this.onBegin = onBegin;
  }

  /** Ends the running step, if any, and starts {@code name}. */
  public void begin(String name) {
    end();
    onBegin.accept(name);
    current = name;
    startedNanos = System.nanoTime();
    out.println("  " + name + " ...");
  }

  /** Ends the running step, if any. */
  public void end() {
    if (current != null) {
      double seconds = (System.nanoTime() - startedNanos) / 1e9;
      finished.add(new Step(current, seconds));
      out.printf("  %s: %.2f s%n", current, seconds);
      current = null;
    }
  }

  /** The finished steps in order. */
  public List<Step> steps() {
    end();
    return List.copyOf(finished);
  }
}
