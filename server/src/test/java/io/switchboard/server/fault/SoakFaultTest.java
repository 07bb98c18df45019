package io.switchboard.server.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.checker.CheckReport;
import io.switchboard.server.db.Database;
import io.switchboard.server.db.DatabaseSettings;
import io.switchboard.server.testing.Fixtures;
import io.switchboard.server.testing.NodeProcess;
import io.switchboard.server.testing.TestServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * F13, the soak: two nodes (processes with the JVM options of scripts/jvm.options) behind a
 * balancer and a Redis of their own carry chat traffic for a long time; at every fault mark node
 * A is killed with SIGKILL and started again, then Redis is killed and started again empty. Node
 * B runs throughout, and its heap floor, Netty's direct memory and the acknowledgement p99 must
 * stay flat from the stretch after the first fault to the last one; the history checker must be
 * clean and every send acknowledged. A second run does the same, shorter, with Netty's paranoid
 * leak detection, and no node may log a leak. Run by scripts/soak.sh; not part of the test run.
 */
class SoakFaultTest {
  private static final long SETTLE_SECONDS = 60;
  private static final long MIB = 1024 * 1024;

  @Test
  @Tag("fault-long")
  void anHourWithANodeKillAndARedisRestartEveryFifteenMinutes() throws Exception {
    run("F13 soak", "soak", FaultResults.setting("soakSeconds", 3600),
        FaultResults.setting("faultEverySeconds", 900), FaultResults.setting("rate", 840),
        FaultResults.setting("conversations", 200), List.of());
  }

  @Test
  @Tag("fault-long")
  void aShorterSoakWithParanoidLeakDetection() throws Exception {
    run("F13L soak, paranoid leak detection", "soak-leaks",
        FaultResults.setting("leakSeconds", 300), FaultResults.setting("leakFaultEverySeconds", 100),
        FaultResults.setting("leakRate", 200), FaultResults.setting("conversations", 200),
        List.of("-Dio.netty.leakDetection.level=paranoid"));
  }

  private void run(String scenario, String file, int seconds, int every, int rate,
      int conversations, List<String> extraOptions) throws Exception {
    List<String> jvm = new ArrayList<>(jvmOptions());
    jvm.addAll(extraOptions);
    String classpath = System.getProperty("java.class.path");
    int sampleSeconds = FaultResults.setting("sampleSeconds", 30);
    List<String> leaks = new ArrayList<>();
    List<Long> faultsAt = new ArrayList<>();
    try (RedisProcess redis = RedisProcess.start();
        Database database = Database.open(DatabaseSettings.defaults(TestServices.jdbcUrl()))) {
      Map<String, String> settings = Map.of("SWITCHBOARD_REDIS_URL", redis.url());
      int portA = NodeProcess.freePort();
      int portB = NodeProcess.freePort();
      NodeProcess[] a = {NodeProcess.start(portA, settings, classpath, jvm)};
      try (NodeProcess b = NodeProcess.start(portB, settings, classpath, jvm);
          LoopbackBalancer balancer = new LoopbackBalancer(List.of(portA, portB)).start()) {
        Fixtures fixtures = Fixtures.create(database.jdbi());
        URI http = URI.create("http://127.0.0.1:" + balancer.port());
        SoakMeter meter = new SoakMeter();
        try (ChatLoad load = new ChatLoad(http,
            URI.create("ws://127.0.0.1:" + balancer.port() + "/v1/ws"), fixtures,
            TestServices.jdbcUrl())) {
          int agents = Math.max(2, conversations / 5);
          load.agents(agents, (conversations + agents - 1) / agents + 1);
          load.visitors(conversations);
          ChatTraffic traffic = ChatTraffic.start(load, rate);
          traffic.onAcknowledged(meter::acknowledged);
          long start = System.nanoTime();
          long nextSample = sampleSeconds;
          long nextFault = every;
          String event = "";
          while (elapsed(start) < seconds) {
            long wake = Math.min(Math.min(nextSample, nextFault), seconds);
            await().atMost(Duration.ofSeconds(wake + 60)).pollInterval(Duration.ofMillis(200))
                .until(() -> elapsed(start) >= wake);
            if (elapsed(start) >= nextFault && nextFault < seconds) {
              faultsAt.add(elapsed(start));
              leaks.addAll(leakLines(a[0]));
              // Each comes back as soon as its port is free again.
              a[0].kill();
              a[0].close();
              awaitClosed(portA);
              a[0] = NodeProcess.start(portA, settings, classpath, jvm);
              redis.kill();
              awaitClosed(redis.port());
              redis.startEmpty();
              event = "node A kill -9 and back; Redis kill -9, back empty";
              nextFault += every;
            }
            if (elapsed(start) >= nextSample) {
              meter.sample(elapsed(start), URI.create("http://127.0.0.1:" + portB),
                  URI.create("http://127.0.0.1:" + portA), event);
              event = "";
              nextSample += sampleSeconds;
            }
          }
          traffic.stop();
          load.awaitSettled(Duration.ofSeconds(120));
          leaks.addAll(leakLines(a[0]));
          leaks.addAll(leakLines(b));
          CheckReport report = load.check();
          verdict(scenario, file, meter, faultsAt, seconds, report, traffic, leaks);
        }
      } finally {
        a[0].close();
      }
    }
  }

  private static void verdict(String scenario, String file, SoakMeter meter, List<Long> faultsAt,
      int seconds, CheckReport report, ChatTraffic traffic, List<String> leaks)
      throws IOException {
    // Compare the stretch after the first fault (node B then holds every client) with the last.
    long firstFrom = faultsAt.isEmpty() ? 0 : faultsAt.get(0);
    long firstTo = faultsAt.size() > 1 ? faultsAt.get(1) : (firstFrom + seconds) / 2;
    long lastFrom = faultsAt.size() > 1 ? faultsAt.get(faultsAt.size() - 1) : firstTo;
    Predicate<SoakMeter.Sample> first = s -> steady(s, faultsAt) && s.seconds() >= firstFrom
        && s.seconds() < firstTo;
    Predicate<SoakMeter.Sample> last = s -> steady(s, faultsAt) && s.seconds() >= lastFrom;
    long heapFirst = meter.heapFloor(first);
    long heapLast = meter.heapFloor(last);
    long directFirst = meter.directPeak(first);
    long directLast = meter.directPeak(last);
    long p99First = meter.medianP99Micros(first);
    long p99Last = meter.medianP99Micros(last);
    // A run too short for steady samples in both stretches (the leak run) checks leaks only.
    boolean heapFlat = heapFirst < 0 || heapLast < 0 || heapLast <= heapFirst * 13 / 10 + 32 * MIB;
    boolean directFlat = directFirst < 0 || directLast < 0 || directLast <= directFirst + 32 * MIB;
    boolean p99Stable = p99First < 0 || p99Last < 0 || p99Last <= 2 * p99First + 25_000;
    boolean pass = report.clean() && traffic.failed() == 0 && leaks.isEmpty() && heapFlat
        && directFlat && p99Stable;
    FaultResults.record(scenario, report, null, pass);
    String summary = String.format("%s: faults at %s s; node B heap floor %s -> %s MiB, Netty"
        + " direct peak %s -> %s MiB, steady p99 (median of samples) %.1f -> %.1f ms;"
        + " %d sent, %d acknowledged, %d failed for good, checker %s, %d leak reports%n",
        scenario, faultsAt, SoakMeter.mib(heapFirst), SoakMeter.mib(heapLast),
        SoakMeter.mib(directFirst), SoakMeter.mib(directLast), p99First / 1000.0,
        p99Last / 1000.0, report.sent(), report.acknowledged(), traffic.failed(),
        report.clean() ? "clean" : "NOT clean", leaks.size());
    String table = summary + "\n" + meter.table() + (leaks.isEmpty() ? ""
        : "\nLeak reports:\n" + String.join("\n", leaks) + "\n");
    System.out.println(table);
    String out = System.getProperty("faults.soakOut");
    if (out != null && !out.isBlank()) {
      Files.createDirectories(Path.of(out));
      Files.writeString(Path.of(out, file + ".md"), table);
    }
    assertThat(report.violations()).as(report.summary(20)).isEmpty();
    assertThat(traffic.failed()).as("sends failed for good").isZero();
    assertThat(report.acknowledged()).isEqualTo(report.sent());
    assertThat(leaks).as("Netty leak reports").isEmpty();
    assertThat(heapFlat).as("heap floor flat: " + summary).isTrue();
    assertThat(directFlat).as("direct memory flat: " + summary).isTrue();
    assertThat(p99Stable).as("p99 stable: " + summary).isTrue();
  }

  /** A sample taken at least a minute after every fault before it. */
  private static boolean steady(SoakMeter.Sample sample, List<Long> faultsAt) {
    return faultsAt.stream().noneMatch(at -> sample.seconds() >= at
        && sample.seconds() < at + SETTLE_SECONDS);
  }

  /** Waits until nothing accepts connections on {@code port} of the loopback address. */
  private static void awaitClosed(int port) {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return false;
      } catch (IOException refused) {
        return true;
      }
    });
  }

  private static long elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start).toSeconds();
  }

  private static List<String> leakLines(NodeProcess node) throws IOException {
    return node.logLines().stream().filter(line -> line.contains("LEAK:")).toList();
  }

  /** scripts/jvm.options without its comments: what a node of scripts/run.sh starts with. */
  private static List<String> jvmOptions() throws IOException {
    Path file = Path.of("..", "scripts", "jvm.options");
    return Files.readAllLines(file).stream().map(String::trim)
        .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
  }
}
