package io.switchboard.checker;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line: checks client logs written by {@link ClientHistory#write} against a database.
 * {@code CheckHistory [--caught-up] JDBC_URL LOG_FILE...}; prints the report and exits with 1 when
 * it found a violation.
 *
 * <p>Not meant to be used as a library; see {@link HistoryChecker}.
 */
public final class CheckHistory {
  private CheckHistory() {}

  public static void main(String[] args) throws Exception {
    List<String> rest = new ArrayList<>(List.of(args));
    boolean caughtUp = rest.remove("--caught-up");
    if (rest.size() < 2) {
      System.err.println("usage: CheckHistory [--caught-up] JDBC_URL LOG_FILE...");
      System.exit(2);
    }
    List<ClientEvent> events = new ArrayList<>();
    for (String file : rest.subList(1, rest.size())) {
      events.addAll(ClientHistory.read(Path.of(file)).events());
    }
    ClientHistory clients = new ClientHistory(events);
    try (Connection connection = DriverManager.getConnection(rest.get(0))) {
      StoredHistory stored = StoredHistoryReader.read(connection, clients.conversationIds(), List.of());
      CheckReport report = HistoryChecker.check(clients, stored, caughtUp);
      System.out.println(report.summary(100));
      System.exit(report.clean() ? 0 : 1);
    }
  }
}
