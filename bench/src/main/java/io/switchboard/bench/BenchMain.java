package io.switchboard.bench;

import io.switchboard.bench.suite.BenchOptions;
import io.switchboard.bench.suite.BenchSuite;
import io.switchboard.bench.suite.Scale;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark suite's entry point ({@code scripts/bench.sh} runs it):
 * {@code [W1 W2 ...] [--smoke] [--server-jar JAR] [--peer-dir DIR] [--no-peer-install]
 * [--out DIR] [--command TEXT]}. Without workloads it runs W1 to W6. Without a server jar the
 * nodes run {@code io.switchboard.server.Main} from this JVM's class path.
 *
 * <p>Not thread-safe; run once per process.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    List<String> workloads = new ArrayList<>();
    Scale scale = Scale.full();
    String serverJar = null;
    String peerDir = System.getenv("SWITCHBOARD_PEER_DIR");
    boolean peerInstall = true;
    Path out = Path.of("bench-results");
    String command = "scripts/bench.sh " + String.join(" ", args);
    int rounds = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--smoke" -> scale = Scale.smoke();
        case "--small" -> scale = Scale.small();
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--server-jar" -> serverJar = args[++i];
        case "--peer-dir" -> peerDir = args[++i];
        case "--no-peer-install" -> peerInstall = false;
        case "--out" -> out = Path.of(args[++i]);
        case "--command" -> command = args[++i];
        default -> {
          if (!args[i].matches("W[1-6]")) {
            System.err.println("unknown argument " + args[i]
                + "; usage: [W1..W6 ...] [--smoke] [--server-jar JAR] [--peer-dir DIR] "
                + "[--no-peer-install] [--out DIR] [--rounds N] [--small]");
            System.exit(2);
          }
          workloads.add(args[i]);
        }
      }
    }
    if (rounds > 0) {
      scale = scale.withRounds(rounds);
    }
    if (workloads.isEmpty()) {
      workloads = List.of("W1", "W2", "W3", "W4", "W5", "W6");
    }
    String classPath = System.getProperty("java.class.path");
    List<String> server = serverJar != null ? List.of("-jar", Path.of(serverJar).toAbsolutePath().toString())
        : List.of("-cp", classPath, "io.switchboard.server.Main");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    BenchOptions options = new BenchOptions(java, server, classPath,
        peerDir == null || peerDir.isBlank() ? null : Path.of(peerDir).toAbsolutePath(),
        peerInstall, out, scale, workloads, command);
    Path report = new BenchSuite(options).run();
    System.out.println("Results: " + report);
    System.exit(0);
  }
}
