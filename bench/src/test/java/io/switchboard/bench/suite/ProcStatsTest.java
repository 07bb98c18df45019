package io.switchboard.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The /proc readings, against the real /proc of this test's JVM and a child it starts. */
class ProcStatsTest {
  private static final long SELF = ProcessHandle.current().pid();

  @Test
  void parsesTheCpuTimesOfThisJvmsStatLine() throws Exception {
    String stat = Files.readString(Path.of("/proc/" + SELF + "/stat"));
    long[] times = ProcStats.cpuTimes(stat);

    assertThat(times).hasSize(4);
    assertThat(times[0] + times[1]).isPositive(); // this JVM has run for a while
    assertThat(times[2]).isNotNegative();
    // a command name with spaces and parentheses does not shift the fields
    String odd = stat.replaceFirst("\\(([^)]*)\\)", "(a b) (c)");
    assertThat(ProcStats.cpuTimes(odd)).containsExactly(times);
  }

  @Test
  void cpuTimeOfThisJvmAgreesWithTheJvmsOwnAccount() {
    var os = (com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long jvmBefore = os.getProcessCpuTime();
    CpuMeter meter = CpuMeter.start(Map.of("server", List.of(SELF), "gone", List.of(-1L)));
    // 300 ms of this thread's own CPU, however busy the machine is
    long until = threads.getCurrentThreadCpuTime() + 300_000_000L;
    long spin = 0;
    while (threads.getCurrentThreadCpuTime() < until) {
      spin += Long.numberOfTrailingZeros(spin + System.nanoTime());
    }
    Map<String, Object> out = meter.finish(2_000);
    double jvmMs = (os.getProcessCpuTime() - jvmBefore) / 1e6;

    assertThat(spin).isNotNegative();
    @SuppressWarnings("unchecked")
    Map<String, Double> ms = (Map<String, Double>) out.get("cpuMs");
    assertThat(ms.keySet()).containsExactly("server", "total");
    // At least the spin, and at most the JVM's own account of a window around the meter's: its
    // other threads (JIT, GC) also run in that window, so only /proc's 10 ms ticks may exceed it.
    assertThat(ms.get("server")).isGreaterThanOrEqualTo(280.0).isLessThanOrEqualTo(jvmMs + 20.0);
    @SuppressWarnings("unchecked")
    Map<String, Double> per1000 = (Map<String, Double>) out.get("cpuMsPer1000");
    assertThat(per1000.get("server"))
        .isCloseTo(ms.get("server") / 2, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void theTreeOfAProcessHoldsItsChildren() throws Exception {
    Process child = new ProcessBuilder("sleep", "30").start();
    try {
      assertThat(ProcStats.tree(SELF)).contains(SELF, child.pid());
      assertThat(ListeningProcess.parent(child.pid())).isEqualTo(SELF);
      assertThat(ProcStats.treeJiffies(SELF)).isGreaterThanOrEqualTo(
          ProcStats.treeJiffies(child.pid()));
    } finally {
      child.destroy();
      child.waitFor();
    }
  }

  @Test
  void findsTheProcessListeningOnAPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      assertThat(ListeningProcess.of(socket.getLocalPort())).isEqualTo(SELF);
    }
  }

  @Test
  void readsListeningInodesFromATcpTable() {
    List<String> table = List.of(
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
            + "timeout inode",
        "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0"
            + "        0 4242 1 0000000000000000 100 0 0 10 0",
        "   1: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0"
            + "        0 4343 1 0000000000000000 20 4 30 10 -1");

    assertThat(ListeningProcess.listeningInodes(table, 8080)).containsExactly("4242");
    assertThat(ListeningProcess.listeningInodes(table, 8081)).isEmpty();
  }
}
