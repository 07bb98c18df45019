package io.switchboard.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** CPU by thread group, against the real /proc of this test's JVM. */
class ThreadCpuTest {
  /** Uses 400 ms of the calling thread's own CPU, however busy the machine is. */
  private static void spin() {
    var threads = ManagementFactory.getThreadMXBean();
    long until = threads.getCurrentThreadCpuTime() + 400_000_000L;
    while (threads.getCurrentThreadCpuTime() < until) {
      Thread.onSpinWait();
    }
  }

  @Test
  void aBusyNamedThreadShowsUnderItsGroup() throws Exception {
    ThreadCpu meter = ThreadCpu.start(ProcessHandle.current().pid());
    Thread busy = new Thread(ThreadCpuTest::spin, "spinner-7");
    busy.start();
    busy.join();
    // The thread ended before the end mark, so it is not counted; one that still runs is.
    assertThat(meter.finish()).doesNotContainKey("spinner");

    ThreadCpu again = ThreadCpu.start(ProcessHandle.current().pid());
    Object done = new Object();
    Thread running = new Thread(() -> {
      spin();
      synchronized (done) {
        try {
          done.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "spinner-8");
    running.start();
    while (running.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    var percent = again.finish();
    running.interrupt();
    running.join();
    assertThat(percent).containsKey("spinner");
    assertThat(percent.get("spinner")).isPositive();
  }

  @Test
  void namesLinuxCutsTo15CharactersFallIntoTheirGroups() {
    assertThat(ThreadCpu.group("multiThreadIoEv")).isEqualTo("Netty event loops");
    assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo("JIT compilers");
    assertThat(ThreadCpu.group("GC Thread#1")).isEqualTo("GC and VM");
    assertThat(ThreadCpu.group("G1 Conc#0")).isEqualTo("GC and VM");
    assertThat(ThreadCpu.group("JFR Sampler Thr")).isEqualTo("JFR");
    assertThat(ThreadCpu.group("lettuce-nioEven")).isEqualTo("Lettuce");
    assertThat(ThreadCpu.group("message-writer-")).isEqualTo("message-writer");
    assertThat(ThreadCpu.group("store-12")).isEqualTo("store");
  }
}
