package io.switchboard.server.fault;

import io.switchboard.checker.CheckReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * One line per fault scenario run: scenario, messages sent, acknowledged, lost, duplicated,
 * resume time at p99 and pass or fail, tab-separated. Appended to the file named by the system
 * property {@code faults.results} when set (as {@code scripts/faults.sh} does), and always printed.
 *
 * <p>Thread-safe: each line is one synchronized append.
 */
final class FaultResults {
  private FaultResults() {}

  static synchronized void record(String scenario, CheckReport report, Duration resumeP99,
      boolean pass) {
    record(scenario, report.sent(), report.acknowledged(), report.lost(), report.duplicated(),
        resumeP99, pass);
  }

  static synchronized void record(String scenario, long sent, long acknowledged, long lost,
      long duplicated, Duration resumeP99, boolean pass) {
    String line = String.join("\t", scenario, Long.toString(sent), Long.toString(acknowledged),
        Long.toString(lost), Long.toString(duplicated),
        resumeP99 == null ? "-" : resumeP99.toMillis() + " ms", pass ? "pass" : "FAIL");
    System.out.println("fault result: " + line);
    String file = System.getProperty("faults.results");
    if (file == null || file.isBlank()) {
      return;
    }
    try {
      Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An integer system property (scripts/faults.sh passes the full-length figures). */
  static int setting(String name, int shortDefault) {
    return Integer.getInteger("faults." + name, shortDefault);
  }
}
