package io.switchboard.bench.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the run was measured on: CPU model and count, memory, kernel, the JVM (the nodes run on
 * the same one) and Node.js of the peer.
 *
 * <p>Stateless and thread-safe.
 */
public final class Machine {
  private Machine() {}

  public static Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cpu", Runtime.getRuntime().availableProcessors() + " x " + cpuModel());
    out.put("memory", firstLine("/proc/meminfo").replaceAll("\\s+", " "));
    out.put("kernel", firstLine("/proc/sys/kernel/osrelease"));
    out.put("java", Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
    out.put("node", version("node", "--version"));
    out.put("descriptorLimit", "20,000 per process");
    return out;
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst().orElse("unknown");
    } catch (Exception e) {
      return "unknown";
    }
  }

  private static String firstLine(String file) {
    try {
      return Files.readAllLines(Path.of(file)).get(0).trim();
    } catch (Exception e) {
      return "unknown";
    }
  }

  private static String version(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return text;
    } catch (Exception e) {
      return "not installed";
    }
  }
}
