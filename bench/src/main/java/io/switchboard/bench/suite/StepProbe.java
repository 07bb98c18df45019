package io.switchboard.bench.suite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the system under test around one step: CPU of its processes, CPU steal of the machine
 * (a step with more than 5% steal is marked), and at the end resident memory, the machine's load
 * average (other work on the same machine shows there, not as steal) and, for a JVM, heap in use
 * ({@code jcmd GC.heap_info}).
 *
 * <p>Not thread-safe: one probe per step.
 */
public final class StepProbe {
  /** Steps with more steal than this are marked as disturbed. */
  public static final double STEAL_MARK_PERCENT = 5.0;
  private static final Pattern USED = Pattern.compile("used (\\d+)K");
  private final List<Long> pids;
  private final String jcmd;
  private final ProcStats.Mark start;

  private StepProbe(List<Long> pids, String jcmd) {
    this.pids = pids;
    this.jcmd = jcmd;
    this.start = ProcStats.mark(pids);
  }

  /** Probes {@code pids}; {@code jcmd} is the JDK's jcmd for JVMs, null for other processes. */
  public static StepProbe start(List<Long> pids, String jcmd) {
    return new StepProbe(pids, jcmd);
  }

  public Map<String, Object> finish() {
    ProcStats.Mark end = ProcStats.mark(pids);
    Map<String, Object> out = new LinkedHashMap<>();
    double steal = ProcStats.stealPercent(start, end);
    out.put("cpuPercent", round(ProcStats.cpuPercent(start, end)));
    out.put("stealPercent", round(steal));
    out.put("stealMarked", steal > STEAL_MARK_PERCENT);
    out.put("rssMiB", round(ProcStats.rssKib(pids) / 1024.0));
    out.put("loadAverage1m", ProcStats.loadAverage());
    if (jcmd != null) {
      long heap = 0;
      for (long pid : pids) {
        heap += heapUsedKib(jcmd, pid);
      }
      out.put("heapUsedMiB", round(heap / 1024.0));
    }
    return out;
  }

  /** Heap in use of a JVM, in KiB, from {@code jcmd PID GC.heap_info}; 0 when unknown. */
  public static long heapUsedKib(String jcmd, long pid) {
    try {
      Process process = new ProcessBuilder(jcmd, Long.toString(pid), "GC.heap_info")
          .redirectErrorStream(true).start();
      String text = new String(process.getInputStream().readAllBytes());
      process.waitFor(20, TimeUnit.SECONDS);
      Matcher m = USED.matcher(text);
      return m.find() ? Long.parseLong(m.group(1)) : 0;
    } catch (Exception e) {
      return 0;
    }
  }

  /**
   * The live heap of a JVM, in KiB: what is still in use after {@code jcmd PID GC.run} (a full
   * collection). This is what the process keeps, without the garbage a heap sized for bursts also
   * holds; 0 when unknown.
   */
  public static long liveHeapKib(String jcmd, long pid) {
    try {
      Process process = new ProcessBuilder(jcmd, Long.toString(pid), "GC.run")
          .redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      process.waitFor(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      return 0;
    }
    return heapUsedKib(jcmd, pid);
  }

  static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
